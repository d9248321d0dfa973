using FluxOnnx.Tools.Models;

namespace FluxOnnx.Cli.Commands;

/// <summary>The repository's models.lock.json, embedded in the flux assembly at build time.</summary>
internal static class BuiltInLock
{
    public static ModelLock Load()
    {
        using var stream = typeof(BuiltInLock).Assembly.GetManifestResourceStream("models.lock.json")
            ?? throw new InvalidOperationException("models.lock.json is not embedded in this build of flux");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return ModelLockFile.Parse(buffer.ToArray(), "models.lock.json (built into flux)");
    }
}
