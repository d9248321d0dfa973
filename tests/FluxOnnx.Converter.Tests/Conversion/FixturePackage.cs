using FluxOnnx.Converter.Conversion;
using FluxOnnx.TestSupport;

namespace FluxOnnx.Converter.Tests.Conversion;

/// <summary>Converts the fixture models (tiny schnell, T5, CLIP, ae, real tokenizers) into a package once per test class.</summary>
public sealed class FixturePackage : IDisposable
{
    public FixturePackage()
    {
        Root = Directory.CreateTempSubdirectory("flux-pkg-").FullName;
        Path = System.IO.Path.Combine(Root, "schnell");
        Manifest = PackageConverter.Convert(Request(Path));
    }

    public string Root { get; }

    public string Path { get; }

    public FluxOnnx.Packaging.PackageManifest Manifest { get; }

    public static ConvertRequest Request(string output, string model = "flux-tiny-schnell") => new(
        Output: output,
        Transformer: System.IO.Path.Combine(SharedPaths.Models, model, "flux.safetensors"),
        TransformerConfig: System.IO.Path.Combine(SharedPaths.Models, model, "flux_params.json"),
        T5: System.IO.Path.Combine(SharedPaths.Models, "t5"),
        Clip: System.IO.Path.Combine(SharedPaths.Models, "clip"),
        Ae: System.IO.Path.Combine(SharedPaths.Models, "ae.safetensors"),
        AeConfig: System.IO.Path.Combine(SharedPaths.Models, "ae_params.json"),
        ClipTokenizer: System.IO.Path.Combine(SharedPaths.Tokenizers, "clip"),
        T5Tokenizer: System.IO.Path.Combine(SharedPaths.Tokenizers, "t5"),
        DefaultWidth: 128,
        DefaultHeight: 128);

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
