using System.Security.Cryptography;

namespace FluxOnnx.Packaging;

/// <summary>Streaming SHA-256 of files of any size (1 MiB reads), cancellable between reads.</summary>
public static class FileHashing
{
    /// <summary>Lower-case hex SHA-256 of the file's content.</summary>
    public static string Sha256Hex(string path, CancellationToken cancellationToken = default, IProgress<long>? bytesRead = null)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 20];
        long total = 0;
        int n;
        while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            sha.AppendData(buffer, 0, n);
            total += n;
            bytesRead?.Report(total);
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
