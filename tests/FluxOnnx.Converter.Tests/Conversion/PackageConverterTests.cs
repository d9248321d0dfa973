using FluxOnnx.Converter.Conversion;
using FluxOnnx.Tools.Debugging;
using FluxOnnx.Converter.Safetensors;
using FluxOnnx.Graphs.Weights;
using FluxOnnx.Runtime.Providers;
using FluxOnnx.Packaging;
using FluxOnnx.TestSupport;
using Xunit;

namespace FluxOnnx.Converter.Tests.Conversion;

using Precision = FluxOnnx.Precision;

public sealed class PackageConverterTests(FixturePackage package) : IClassFixture<FixturePackage>
{
    [Fact]
    public void Manifest_records_variant_defaults_lengths_and_every_component()
    {
        var m = package.Manifest;
        Assert.Equal(Variant.Schnell, m.Variant);
        Assert.Equal(Precision.Fp32, m.Precision);
        Assert.Equal(Target.Cpu, m.Target);
        Assert.Equal(new SamplingDefaults(4, null, false, 128, 128), m.Defaults);
        Assert.Equal(new TextLengths(77, 256), m.Text);
        Assert.Equal(new LatentSpace(16, 8, 0.3611, 0.1159), m.Latent);
        Assert.Equal(
            [ComponentRoles.TextEncoder, ComponentRoles.TextEncoder2, ComponentRoles.Transformer, ComponentRoles.VaeDecoder, ComponentRoles.VaeEncoder],
            m.Components.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new Dictionary<string, string> { ["clip"] = "tokenizer", ["t5"] = "tokenizer_2" }, m.Tokenizers);
    }

    [Fact]
    public void Transformer_signature_uses_the_reference_io_names_without_guidance_for_schnell()
    {
        var t = package.Manifest.Components[ComponentRoles.Transformer];
        Assert.Equal(["hidden_states", "encoder_hidden_states", "pooled_projections", "timestep", "img_ids", "txt_ids"], t.Inputs.Select(i => i.Name));
        Assert.Equal(["batch", "img_tokens", "64"], t.Inputs[0].Shape);
        Assert.Equal("latent", Assert.Single(t.Outputs).Name);
        Assert.Equal(23, t.Opsets[""]);
        Assert.Equal(1, t.Opsets["com.microsoft"]);
        var t5 = package.Manifest.Components[ComponentRoles.TextEncoder2];
        Assert.Equal(["batch", "256"], Assert.Single(t5.Inputs).Shape);
    }

    [Fact]
    public void Sources_and_files_carry_real_hashes()
    {
        var m = package.Manifest;
        var flux = Assert.Single(m.Sources, s => s.Role == "transformer");
        Assert.Equal("flux.safetensors", flux.Name);
        Assert.Equal("bfl", flux.Format);
        Assert.Equal(FileHashing.Sha256Hex(Path.Combine(SharedPaths.Models, "flux-tiny-schnell", "flux.safetensors")), flux.Sha256);
        Assert.Contains("transformer/model.onnx.data", m.Files.Keys);
        Assert.Contains("tokenizer_2/spiece.model", m.Files.Keys);
        Assert.Equal(FileHashing.Sha256Hex(Path.Combine(SharedPaths.Tokenizers, "t5", "spiece.model")), m.Files["tokenizer_2/spiece.model"]);
        ModelPackage.Open(package.Path).VerifyHashes();
    }

    [Fact]
    public void Tampered_file_fails_hash_verification()
    {
        var copy = Path.Combine(package.Root, "tampered");
        CopyDirectory(package.Path, copy);
        var data = Path.Combine(copy, "vae_decoder", "model.onnx.data");
        var bytes = File.ReadAllBytes(data);
        bytes[^1] ^= 0x01;
        File.WriteAllBytes(data, bytes);
        var e = Assert.Throws<PackageHashMismatchException>(() => ModelPackage.Open(copy).VerifyHashes());
        Assert.Equal(data, e.PackagePath);
        Assert.Equal(package.Manifest.Files["vae_decoder/model.onnx.data"], e.ExpectedSha256);
    }

    [Fact]
    public void Flux_run_reproduces_the_fixture_forward_pass()
    {
        var (actual, expected) = ForwardCase.Run(package.Path, package.Root);
        var maxError = actual.Zip(expected, (x, y) => Math.Abs(x - y)).Max();
        Assert.True(maxError <= 1e-4, $"max abs error {maxError}");
    }

    [Fact]
    public void Flux_run_rejects_an_input_file_missing_a_graph_input()
    {
        var inputs = Path.Combine(package.Root, "partial-inputs.safetensors");
        using (var writer = SafetensorsWriter.Create(inputs, [new SafetensorsTensorDeclaration("timestep", ElementType.Float, 1)]))
        {
            writer.WriteTensor<float>("timestep", [0.5f]);
            writer.Complete();
        }
        var e = Assert.Throws<ComponentInputException>(() => ComponentRunner.Run(new ComponentRunRequest(package.Path, ComponentRoles.Transformer,
            inputs, Path.Combine(package.Root, "never.safetensors"), new CpuProviderRequest())));
        Assert.Equal("hidden_states", e.TensorName);
        Assert.Equal("missing from the inputs file", e.Problem);
        Assert.False(File.Exists(Path.Combine(package.Root, "never.safetensors")));
    }

    [Fact]
    public void Existing_output_is_refused_and_left_untouched()
    {
        var e = Assert.Throws<ConversionException>(() => PackageConverter.Convert(FixturePackage.Request(package.Path)));
        Assert.Equal(nameof(ConvertRequest.Output), e.Field.Member);
        ModelPackage.Open(package.Path).VerifyHashes();
    }

    [Fact]
    public void A_checkpoint_missing_a_tensor_fails_by_name_and_leaves_nothing_behind()
    {
        var broken = Path.Combine(package.Root, "broken.safetensors");
        var source = Path.Combine(SharedPaths.Models, "flux-tiny-schnell", "flux.safetensors");
        using (var file = SafetensorsFile.Open(source))
        {
            var keep = file.Tensors.Where(t => t.Name != "single_blocks.1.linear2.weight").ToArray();
            using var writer = SafetensorsWriter.Create(broken, keep.Select(t => new SafetensorsTensorDeclaration(t.Name, t.DType, t.Shape)));
            foreach (var d in writer.WriteOrder)
            {
                writer.WriteTensor(d.Name, file.GetBytes(d.Name));
            }
            writer.Complete();
        }
        var output = Path.Combine(package.Root, "never");
        var request = FixturePackage.Request(output) with { Transformer = broken };
        var e = Assert.Throws<WeightMismatchException>(() => PackageConverter.Convert(request));
        Assert.Equal(["single_blocks.1.linear2.weight"], e.Missing);
        Assert.Empty(e.Unused);
        Assert.False(Directory.Exists(output));
        Assert.Empty(Directory.GetDirectories(package.Root, "never.tmp-*"));
    }

    [Fact]
    public void Cancellation_leaves_no_package_and_no_staging_folder()
    {
        var output = Path.Combine(package.Root, "cancelled");
        using var cts = new CancellationTokenSource();
        var progress = new SynchronousProgress<ConvertProgress>(p =>
        {
            if (p.Stage == ComponentRoles.Transformer && p.Done > 0)
            {
                cts.Cancel();
            }
        });
        Assert.ThrowsAny<OperationCanceledException>(() => PackageConverter.Convert(FixturePackage.Request(output), progress, cts.Token));
        Assert.False(Directory.Exists(output));
        Assert.Empty(Directory.GetDirectories(package.Root, "cancelled.tmp-*"));
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(dir.Replace(from, to));
        }
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, file.Replace(from, to));
        }
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
