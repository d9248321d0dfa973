namespace FluxOnnx.Packaging;

/// <summary>A package file's SHA-256 differs from the one its manifest recorded (tampered or corrupted).</summary>
public sealed class PackageHashMismatchException : PackageException
{
    public PackageHashMismatchException(string path, string expectedSha256, string actualSha256)
        : base(path, $"SHA-256 mismatch: the manifest records {expectedSha256}, the file has {actualSha256}")
    {
        ExpectedSha256 = expectedSha256;
        ActualSha256 = actualSha256;
    }

    public string ExpectedSha256 { get; }

    public string ActualSha256 { get; }
}
