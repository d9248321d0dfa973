using FluxOnnx.Tools.Conversion;
using FluxOnnx.Converter.Conversion;
using FluxOnnx.Packaging;

namespace FluxOnnx.Tools.BuiltIn;

/// <summary>
/// The default model <c>flux generate</c> uses when no package is given: a tiny FLUX-architecture model with
/// deterministic random weights and generated tokenizer files, written as ordinary checkpoints and turned into a
/// package by the real converter on first use, then cached. It needs no download. Its images are noise.
/// </summary>
public static class BuiltInModel
{
    /// <summary>
    /// Returns the package folder under <paramref name="cacheRoot"/>, creating it on first use. The caller (the
    /// CLI) chooses the cache folder; the library reads no environment.
    /// </summary>
    public static string EnsurePackage(string cacheRoot, IProgress<ConvertProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var home = Path.Combine(Path.GetFullPath(cacheRoot), TinyModelSpec.Version);
        var package = Path.Combine(home, "package");
        if (IsUsable(package))
        {
            return package;
        }
        Directory.CreateDirectory(home);
        var sources = Path.Combine(home, "sources.tmp-" + Guid.NewGuid().ToString("N"));
        try
        {
            TinyCheckpointWriter.Write(sources);
            try
            {
                var request = SyntheticCheckpoints.Request(sources, package, TinyModelSpec.DefaultSize) with
                {
                    Overwrite = Directory.Exists(package),
                    TokenizerCheck = RuntimeTokenizerCheck.Instance,
                };
                PackageConverter.Convert(request, progress, cancellationToken);
            }
            catch (ConversionException) when (IsUsable(package))
            {
                // Another process finished the same conversion first; its package is identical.
            }
        }
        finally
        {
            if (Directory.Exists(sources))
            {
                Directory.Delete(sources, recursive: true);
            }
        }
        return package;
    }

    private static bool IsUsable(string package)
    {
        try
        {
            ModelPackage.Open(package);
            return true;
        }
        catch (PackageException)
        {
            return false;
        }
    }
}
