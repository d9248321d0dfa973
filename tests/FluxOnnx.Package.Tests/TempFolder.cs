namespace FluxOnnx.Package.Tests;

/// <summary>A fresh folder under the system temp folder, deleted with everything in it on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("fluxonnx-package-tests-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
