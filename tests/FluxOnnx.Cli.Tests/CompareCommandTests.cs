using System.Text.Json;
using FluxOnnx.Converter.Conversion;
using FluxOnnx.TestSupport;
using Xunit;

namespace FluxOnnx.Cli.Tests;

/// <summary>Fixture schnell fp32 packages for targets cpu and tensorrt, and a transformer-only tiny Fill package.</summary>
public sealed class ComparePackages : IDisposable
{
    public ComparePackages()
    {
        Root = Directory.CreateTempSubdirectory("flux-cmp-cli-").FullName;
        Cpu = Path.Combine(Root, "cpu");
        TensorRt = Path.Combine(Root, "tensorrt");
        Fill = Path.Combine(Root, "fill");
        PackageConverter.Convert(Request(Cpu));
        PackageConverter.Convert(Request(TensorRt) with { Target = Target.TensorRt });
        PackageConverter.Convert(new ConvertRequest(Fill,
            Transformer: Model("flux-tiny-fill", "flux.safetensors"), TransformerConfig: Model("flux-tiny-fill", "flux_params.json")));
    }

    public string Root { get; }

    public string Cpu { get; }

    public string TensorRt { get; }

    public string Fill { get; }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private static string Model(params string[] parts) => Path.Combine([SharedPaths.Models, .. parts]);

    private static ConvertRequest Request(string output) => new(
        Output: output,
        Transformer: Model("flux-tiny-schnell", "flux.safetensors"),
        TransformerConfig: Model("flux-tiny-schnell", "flux_params.json"),
        T5: Model("t5"),
        Clip: Model("clip"),
        Ae: Model("ae.safetensors"),
        AeConfig: Model("ae_params.json"),
        ClipTokenizer: Path.Combine(SharedPaths.Tokenizers, "clip"),
        T5Tokenizer: Path.Combine(SharedPaths.Tokenizers, "t5"),
        DefaultWidth: 128,
        DefaultHeight: 128);
}

public sealed class CompareCommandTests(ComparePackages packages) : IClassFixture<ComparePackages>
{
    [Fact]
    public async Task Compare_on_a_fixture_inputs_file_prints_the_table_and_writes_the_json()
    {
        var json = Path.Combine(packages.Root, "report.json");
        var inputs = Path.Combine(SharedPaths.Case("sample_schnell_4steps_128x128"), "tensors.safetensors");
        var (exit, stdout, stderr) = await CliRunner.RunAsync("compare", packages.Cpu, packages.TensorRt,
            "--inputs", inputs, "--seed", "42", "--json", json);
        Assert.True(exit == 0, stderr);
        Assert.Contains("B measured against A: schnell, 1 case, 128x128, 4 steps", stdout);
        Assert.Contains("transformer_all_steps", stdout);
        Assert.Contains("#0 ids, seed 42", stdout);
        Assert.EndsWith($"wrote {json}\n", stdout);
        Assert.Empty(Directory.GetFiles(packages.Root, "report.json.tmp-*"));

        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var root = document.RootElement;
        Assert.Equal("fluxonnx-compare/1", root.GetProperty("format").GetString());
        var a = root.GetProperty("package_a");
        var b = root.GetProperty("package_b");
        Assert.Equal(("schnell", "fp32", "cpu", "cpu"), (a.GetProperty("variant").GetString(), a.GetProperty("precision").GetString(),
            a.GetProperty("target").GetString(), a.GetProperty("provider").GetString()));
        Assert.Equal("tensorrt", b.GetProperty("target").GetString());
        Assert.Equal(Path.GetFullPath(packages.TensorRt), b.GetProperty("path").GetString());
        Assert.Equal(4, a.GetProperty("timed_steps").GetInt32());
        Assert.True(a.GetProperty("median_step_ms").GetDouble() > 0);
        var transformerFile = new FileInfo(Path.Combine(packages.Cpu, "transformer", "model.onnx")).Length;
        Assert.True(a.GetProperty("component_bytes").GetProperty("transformer").GetInt64() >= transformerFile);
        Assert.True(a.GetProperty("total_bytes").GetInt64() > a.GetProperty("component_bytes").GetProperty("transformer").GetInt64());

        var inputsElement = root.GetProperty("inputs");
        Assert.Equal(("file", Path.GetFullPath(inputs)), (inputsElement.GetProperty("source").GetString(), inputsElement.GetProperty("file").GetString()));
        Assert.Equal((128, 128, 4, JsonValueKind.Null), (inputsElement.GetProperty("width").GetInt32(), inputsElement.GetProperty("height").GetInt32(),
            inputsElement.GetProperty("steps").GetInt32(), inputsElement.GetProperty("guidance").ValueKind));

        var components = root.GetProperty("components");
        Assert.Equal(["t5_states", "clip_pooled", "transformer_first_step", "transformer_all_steps", "final_latent", "vae_decoded"],
            components.EnumerateObject().Select(p => p.Name));
        foreach (var component in components.EnumerateObject())
        {
            Assert.InRange(component.Value.GetProperty("cosine_similarity").GetDouble(), 0.99999, 1.0);
            Assert.InRange(component.Value.GetProperty("max_abs_error").GetDouble(), 0, 1e-4);
            Assert.InRange(component.Value.GetProperty("mean_abs_error").GetDouble(), 0, component.Value.GetProperty("max_abs_error").GetDouble());
        }
        Assert.Equal(256 * 64, components.GetProperty("t5_states").GetProperty("elements").GetInt64());
        Assert.Equal(4 * 64 * 64, components.GetProperty("transformer_all_steps").GetProperty("elements").GetInt64());
        Assert.Equal([0, 1, 2, 3], root.GetProperty("transformer_steps").EnumerateArray().Select(s => s.GetProperty("step").GetInt32()));

        var image = root.GetProperty("image");
        Assert.InRange(image.GetProperty("mean_ssim").GetDouble(), 0.999, 1.0);
        Assert.InRange(image.GetProperty("max_pixel_diff").GetInt32(), 0, 1);
        var psnr = image.GetProperty("psnr_db");
        Assert.True(psnr.ValueKind == JsonValueKind.Null || psnr.GetDouble() > 48.13, psnr.ToString());
        Assert.StartsWith("gaussian 11x11, sigma 1.5", image.GetProperty("ssim_window").GetString());
        var single = Assert.Single(image.GetProperty("cases").EnumerateArray());
        Assert.Equal((0, JsonValueKind.Null, 42UL), (single.GetProperty("index").GetInt32(), single.GetProperty("prompt").ValueKind, single.GetProperty("seed").GetUInt64()));
    }

    [Fact]
    public async Task Compare_of_schnell_with_fill_exits_2_naming_the_variants()
    {
        var json = Path.Combine(packages.Root, "mismatch.json");
        var (exit, stdout, stderr) = await CliRunner.RunAsync("compare", packages.Cpu, packages.Fill, "--json", json);
        Assert.Equal(2, exit);
        Assert.Equal($"flux: {Path.GetFullPath(packages.Fill)}: cannot be compared with package A: variant is fill, package A has schnell\n", stderr);
        Assert.Empty(stdout);
        Assert.False(File.Exists(json));
    }

    [Fact]
    public async Task Compare_with_both_inputs_and_prompts_exits_2()
    {
        var (exit, _, stderr) = await CliRunner.RunAsync("compare", packages.Cpu, packages.TensorRt,
            "--inputs", "x.safetensors", "--prompts", "2", "--json", Path.Combine(packages.Root, "both.json"));
        Assert.Equal(2, exit);
        Assert.StartsWith("flux: give either --inputs or --prompts, not both", stderr);
    }
}
