using FluxOnnx.Converter.Safetensors;
using FluxOnnx.TestSupport;
using Xunit;

namespace FluxOnnx.Cli.Tests;

public sealed class ConvertRunInspectCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flux-conv-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Model(params string[] parts) => Path.Combine([SharedPaths.Models, .. parts]);

    [Fact]
    public async Task Convert_then_inspect_then_run_the_vae_decoder()
    {
        var package = Path.Combine(_dir, "pkg");
        var (exit, stdout, stderr) = await CliRunner.RunAsync("convert",
            "--transformer", Model("flux-tiny-schnell", "flux.safetensors"), "--transformer-config", Model("flux-tiny-schnell", "flux_params.json"),
            "--ae", Model("ae.safetensors"), "--ae-config", Model("ae_params.json"),
            "--output", package);
        Assert.True(exit == 0, stderr);
        Assert.Contains($"wrote {package}: flux1 schnell, fp32, target cpu, components transformer, vae_decoder, vae_encoder", stdout);

        (exit, stdout, _) = await CliRunner.RunAsync("inspect", package);
        Assert.Equal(0, exit);
        Assert.Contains("flux1 schnell, fp32, target cpu", stdout);
        Assert.Contains("hidden_states float32[batch,", stdout);
        Assert.Contains("latent float32[batch, img_tokens, 64]", stdout);

        // Decode the ae_roundtrip fixture's latent and compare with its decoded tensor.
        var caseFile = Path.Combine(SharedPaths.Case("ae_roundtrip_128x128"), "tensors.safetensors");
        var inputs = Path.Combine(_dir, "z.safetensors");
        using (var fixture = SafetensorsFile.Open(caseFile))
        {
            var z = fixture.GetInfo("z");
            using var writer = SafetensorsWriter.Create(inputs, [new SafetensorsTensorDeclaration("latent", z.DType, z.Shape)]);
            writer.WriteTensor("latent", fixture.GetBytes("z"));
            writer.Complete();
        }
        var outputs = Path.Combine(_dir, "decoded.safetensors");
        (exit, stdout, _) = await CliRunner.RunAsync("run", package, "vae_decoder", "--inputs", inputs, "--output", outputs);
        Assert.Equal(0, exit);
        Assert.Contains("images: F32 [1, 3, 128, 128]", stdout);
        using var actual = SafetensorsFile.Open(outputs);
        using var expected = SafetensorsFile.Open(caseFile);
        var a = new float[3 * 128 * 128];
        var e = new float[3 * 128 * 128];
        actual.ReadAsFloat32("images", a);
        expected.ReadAsFloat32("decoded", e);
        Assert.InRange(a.Zip(e, (x, y) => Math.Abs(x - y)).Max(), 0, 5e-5);
    }

    [Fact]
    public async Task Convert_int8_with_the_dynamic_form_records_it_in_the_manifest()
    {
        var package = Path.Combine(_dir, "int8-dynamic");
        var (exit, stdout, stderr) = await CliRunner.RunAsync("convert",
            "--transformer", Model("flux-tiny-schnell", "flux.safetensors"), "--transformer-config", Model("flux-tiny-schnell", "flux_params.json"),
            "--precision", "int8", "--int8-form", "dynamic", "--output", package);
        Assert.True(exit == 0, stderr);
        Assert.Contains($"wrote {package}: flux1 schnell, int8, target cpu, components transformer", stdout);
        var manifest = FluxOnnx.Packaging.PackageManifestJson.Parse(File.ReadAllText(Path.Combine(package, "manifest.json")), "manifest.json");
        Assert.Equal(new FluxOnnx.Packaging.LinearQuantization("dynamic", 8), manifest.Quantization!["transformer"]);
    }

    [Fact]
    public async Task Convert_with_nothing_to_convert_exits_2()
    {
        var (exit, _, stderr) = await CliRunner.RunAsync("convert", "--output", Path.Combine(_dir, "empty"));
        Assert.Equal(2, exit);
        Assert.Equal("flux: --transformer: expected at least one of transformer, t5, clip, ae or diffusers, got none given.\n", stderr);
        Assert.False(Directory.Exists(Path.Combine(_dir, "empty")));
    }

    [Fact]
    public async Task Convert_of_an_unknown_layout_names_the_file()
    {
        var bogus = Path.Combine(_dir, "bogus.safetensors");
        using (var writer = SafetensorsWriter.Create(bogus, [new SafetensorsTensorDeclaration("foo.bar", ElementType.Float, 2)]))
        {
            writer.WriteTensor<float>("foo.bar", [1f, 2f]);
            writer.Complete();
        }
        var (exit, _, stderr) = await CliRunner.RunAsync("convert", "--transformer", bogus, "--output", Path.Combine(_dir, "out"));
        Assert.Equal(2, exit);
        Assert.StartsWith($"flux: {bogus}", stderr);
        Assert.Contains("foo.bar", stderr);
        Assert.False(Directory.Exists(Path.Combine(_dir, "out")));
    }
}
