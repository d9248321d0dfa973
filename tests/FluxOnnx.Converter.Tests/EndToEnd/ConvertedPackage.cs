using FluxOnnx.Converter.Conversion;
using FluxOnnx.Converter.Tests.Conversion;

namespace FluxOnnx.Converter.Tests.EndToEnd;

/// <summary>A package converted once per test class from one fixture transformer (plus the shared T5, CLIP, ae).</summary>
public abstract class ConvertedPackage : IDisposable
{
    protected ConvertedPackage(string model, Variant? variant = null)
    {
        Root = Directory.CreateTempSubdirectory("flux-pkg-").FullName;
        Path = System.IO.Path.Combine(Root, model);
        Manifest = PackageConverter.Convert(FixturePackage.Request(Path, model) with { Variant = variant });
    }

    public string Root { get; }

    public string Path { get; }

    public FluxOnnx.Packaging.PackageManifest Manifest { get; }

    public void Dispose()
    {
        Directory.Delete(Root, recursive: true);
        GC.SuppressFinalize(this);
    }
}

/// <summary>flux-tiny-fill (in_channels 384, detected as fill).</summary>
public sealed class FillPackage() : ConvertedPackage("flux-tiny-fill");

/// <summary>flux-tiny-kontext: its weights are a dev model's, so the variant is given.</summary>
public sealed class KontextPackage() : ConvertedPackage("flux-tiny-kontext", Variant.Kontext);

/// <summary>flux-tiny-canny (in_channels 128 fits canny and depth alike, so the variant is given).</summary>
public sealed class CannyPackage() : ConvertedPackage("flux-tiny-canny", Variant.Canny);

/// <summary>flux-tiny-canny's weights converted as a Depth package (weights cannot tell the two apart).</summary>
public sealed class DepthPackage() : ConvertedPackage("flux-tiny-canny", Variant.Depth);
