using FluxOnnx.Converter.Conversion;
using FluxOnnx.Tools.Models;

namespace FluxOnnx.Cli.Commands;

/// <summary>Checks the files of a convert request against an entry of the models.lock.json built into flux.</summary>
internal static class LockCheck
{
    public static void Run(string modelName, ConvertRequest request, TextWriter output, CancellationToken cancellationToken)
    {
        var entry = BuiltInLock.Load().Get(modelName);
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        if (request.Transformer is not null && File.Exists(request.Transformer))
        {
            files["transformer"] = request.Transformer;
        }
        if (request.Ae is not null && File.Exists(request.Ae))
        {
            files["ae"] = request.Ae;
        }
        foreach (var check in ModelLockChecker.Check(entry, files, cancellationToken: cancellationToken, enforcement: LockEnforcement.ThrowOnMismatch))
        {
            output.WriteLine($"{check.Role}: {check.Status} ({Path.GetFileName(check.FilePath)}, sha256 {check.ActualSha256})");
        }
    }
}
