using FluxOnnx.Converter.Conversion;
using FluxOnnx.Converter.Tests.Formats;
using FluxOnnx.Converter.Tests.Safetensors;
using FluxOnnx.TestSupport;
using Xunit;

namespace FluxOnnx.Converter.Tests.Conversion;

/// <summary>
/// The fixture transformer re-laid by the tests as other checkpoint formats, converted, and run on the forward
/// fixture: the lossless layouts reproduce the reference output; the fp8-scaled one stays within fp8 error.
/// </summary>
public sealed class RelaidFormatParityTests
{
    private static string Params => Path.Combine(SharedPaths.Models, "flux-tiny-schnell", "flux_params.json");

    private static (double MaxAbs, double Cosine) ConvertAndRun(string checkpoint, TempDirectory dir)
    {
        var package = dir.File("package");
        PackageConverter.Convert(new ConvertRequest(package, Transformer: checkpoint, TransformerConfig: Params));
        var (a, e) = ForwardCase.Run(package, dir.Path);
        double dot = 0, na = 0, ne = 0, max = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * e[i];
            na += (double)a[i] * a[i];
            ne += (double)e[i] * e[i];
            max = Math.Max(max, Math.Abs(a[i] - e[i]));
        }
        return (max, dot / Math.Sqrt(na * ne));
    }

    [Fact]
    public void Diffusers_folder_matches_the_reference()
    {
        using var dir = new TempDirectory();
        var folder = Directory.CreateDirectory(dir.File("transformer")).FullName;
        FixtureRelayout.SaveSharded(folder, "diffusion_pytorch_model", FixtureRelayout.ToDiffusersTransformer(RawTensor.Load(FixtureRelayout.Schnell)));
        FixtureRelayout.WriteDiffusersConfig(folder, "FluxTransformer2DModel");
        var (max, _) = ConvertAndRun(folder, dir);
        Assert.InRange(max, 0, 1e-4);
    }

    [Fact]
    public void Diffusers_config_json_supplies_the_rope_axes_without_a_params_file()
    {
        using var dir = new TempDirectory();
        var folder = Directory.CreateDirectory(dir.File("transformer")).FullName;
        RawTensor.Save(Path.Combine(folder, "diffusion_pytorch_model.safetensors"), FixtureRelayout.ToDiffusersTransformer(RawTensor.Load(FixtureRelayout.Schnell)));
        // The diffusers FluxTransformer2DModel keys of the tiny fixture (flux_params.json: 2 + 2 blocks, 4 heads of 32, axes 8/12/12).
        File.WriteAllText(Path.Combine(folder, "config.json"),
            """{"_class_name": "FluxTransformer2DModel", "in_channels": 64, "num_layers": 2, "num_single_layers": 2, "attention_head_dim": 32, "num_attention_heads": 4, "guidance_embeds": false, "axes_dims_rope": [8, 12, 12]}""");
        var package = dir.File("package");
        var manifest = PackageConverter.Convert(new ConvertRequest(package, Transformer: folder));
        Assert.Equal(Variant.Schnell, manifest.Variant);
        var (a, e) = ForwardCase.Run(package, dir.Path);
        Assert.InRange(a.Zip(e, (x, y) => Math.Abs(x - y)).Max(), 0, 1e-4);
    }

    [Fact]
    public void Diffusers_config_json_that_contradicts_the_weights_is_refused()
    {
        using var dir = new TempDirectory();
        var folder = Directory.CreateDirectory(dir.File("transformer")).FullName;
        RawTensor.Save(Path.Combine(folder, "diffusion_pytorch_model.safetensors"), FixtureRelayout.ToDiffusersTransformer(RawTensor.Load(FixtureRelayout.Schnell)));
        File.WriteAllText(Path.Combine(folder, "config.json"), """{"_class_name": "FluxTransformer2DModel", "num_layers": 19, "axes_dims_rope": [8, 12, 12]}""");
        var e = Assert.Throws<FluxOnnx.Graphs.Models.Flux.InvalidFluxConfigException>(
            () => PackageConverter.Convert(new ConvertRequest(dir.File("package"), Transformer: folder)));
        Assert.Equal("num_layers", e.Parameter);
        Assert.False(Directory.Exists(dir.File("package")));
    }

    [Fact]
    public void ComfyUi_prefixed_file_matches_the_reference()
    {
        using var dir = new TempDirectory();
        var file = dir.File("flux1-schnell-comfy.safetensors");
        RawTensor.Save(file, RawTensor.Load(FixtureRelayout.Schnell).Select(t => t.Renamed("model.diffusion_model." + t.Name)));
        var (max, _) = ConvertAndRun(file, dir);
        Assert.InRange(max, 0, 1e-4);
    }

    [Fact]
    public void ComfyUi_scaled_fp8_file_stays_within_fp8_error()
    {
        using var dir = new TempDirectory();
        var file = dir.File("flux1-schnell-fp8-scaled.safetensors");
        RawTensor.Save(file, FixtureRelayout.ToLegacyScaledFp8(RawTensor.Load(FixtureRelayout.Schnell), "model.diffusion_model."));
        var (max, cosine) = ConvertAndRun(file, dir);
        // E4M3 keeps 3 mantissa bits on every quantized Linear: the output moves visibly (measured: cosine
        // 0.99989, max abs 0.073 on outputs of magnitude up to 4) but stays aligned with the bf16 reference. The lower
        // bound on the error proves the fp8 payload, not the original weights, was used.
        Assert.InRange(cosine, 0.9998, 1.0);
        Assert.InRange(max, 1e-3, 0.1);
    }
}
