using FluxOnnx.Packaging;
using FluxOnnx.Runtime;
using FluxOnnx.Runtime.Providers;
using Microsoft.ML.OnnxRuntime;
using Xunit;
using Xunit.Abstractions;

namespace FluxOnnx.Tests.Runtime;

/// <summary>
/// Provider requests against the CPU package (Microsoft.ML.OnnxRuntime 1.32.0) these tests are built with. The Gpu
/// package's own failure (a missing CUDA library) is tested in FluxOnnx.GpuFlavor.Tests.
/// </summary>
[Collection(RuntimeCollection.Name)]
public sealed class ExecutionProviderTests(RuntimeFixture fixture, ITestOutputHelper output)
{
    [Theory]
    [InlineData("cpu", ExecutionProviderKind.Cpu)]
    [InlineData("CUDA", ExecutionProviderKind.Cuda)]
    [InlineData("TensorRT", ExecutionProviderKind.TensorRt)]
    [InlineData(" directml ", ExecutionProviderKind.DirectMl)]
    [InlineData("Auto", ExecutionProviderKind.Auto)]
    public void Parser_accepts_the_names_in_any_case(string name, ExecutionProviderKind kind)
    {
        Assert.Equal(kind, ExecutionProviderParser.Parse(name).Kind);
    }

    [Fact]
    public void Parser_rejects_unknown_names_listing_the_valid_ones()
    {
        var error = Assert.Throws<UnknownExecutionProviderException>(() => ExecutionProviderParser.Parse("rocm"));

        Assert.Equal("rocm", error.Name);
        Assert.Equal(new[] { "cpu", "cuda", "tensorrt", "directml", "auto" }, error.ValidNames);
        Assert.Equal("Unknown execution provider 'rocm'; valid names are: cpu, cuda, tensorrt, directml, auto.", error.Message);
    }

    [Theory]
    [InlineData(ExecutionProviderKind.Cuda, "CUDA execution provider is not enabled in this build.", "-p:FluxOrtFlavor=gpu")]
    [InlineData(ExecutionProviderKind.TensorRt, "TensorRT execution provider is not enabled in this build.", "-p:FluxOrtFlavor=gpu")]
    [InlineData(ExecutionProviderKind.DirectMl, "DML execution provider is not supported in this build.", "-p:FluxOrtFlavor=directml")]
    public void Explicit_gpu_provider_on_the_cpu_build_names_the_provider_and_the_build_to_use(
        ExecutionProviderKind kind, string ortDetail, string flavorHint)
    {
        ExecutionProviderRequest request = kind switch
        {
            ExecutionProviderKind.Cuda => new CudaProviderRequest(0),
            ExecutionProviderKind.TensorRt => new TensorRtProviderRequest(0, fixture.Directory, fixture.Directory, Fp16: true),
            _ => new DirectMlProviderRequest(0),
        };

        var error = Assert.Throws<ExecutionProviderUnavailableException>(() => new SessionSettings(request).CreateOptions(out _));

        output.WriteLine(error.Message);
        Assert.Equal(kind, error.Provider);
        Assert.Equal(ortDetail, error.Detail);
        Assert.Null(error.MissingLibrary);
        Assert.StartsWith($"The {ExecutionProviderNames.Of(kind)} execution provider is not in this ONNX Runtime build", error.Message);
        Assert.Contains(flavorHint, error.Message);
        Assert.IsType<OnnxRuntimeException>(error.InnerException);
        Assert.IsAssignableFrom<FluxOnnxException>(error);
    }

    [Fact]
    public void Auto_on_the_cpu_build_picks_cpu_and_reports_why_each_gpu_provider_was_passed_over()
    {
        using var options = new SessionSettings(new AutoProviderRequest()).CreateOptions(out var selection);

        Assert.Equal(ExecutionProviderKind.Cpu, selection.Primary);
        Assert.Equal(new[] { ExecutionProviderKind.Cpu }, selection.Appended);
        Assert.Equal(
            new[]
            {
                (ExecutionProviderKind.TensorRt, "TensorRT execution provider is not enabled in this build."),
                (ExecutionProviderKind.Cuda, "CUDA execution provider is not enabled in this build."),
                (ExecutionProviderKind.DirectMl, "DML execution provider is not supported in this build."),
            },
            selection.Failures.Select(f => (f.Provider, f.Detail)));
        using var session = fixture.Open(TestModels.AddFloat(), "ep_auto.onnx", options);
        Assert.Equal(new[] { "A", "B" }, session.Session.InputNames);
    }

    [Fact]
    public void Cpu_request_appends_cpu_and_the_session_runs()
    {
        using var options = new SessionSettings(new CpuProviderRequest(), IntraOpThreads: 1).CreateOptions(out var selection);
        using var session = fixture.Open(TestModels.AddFloat(), "ep_cpu.onnx", options);
        using var va = OnnxTensors.Wrap(new float[] { 1, 2, 3 }, 1, 3);

        using var outputs = session.Run(new Dictionary<string, OrtValue> { ["A"] = va, ["B"] = va });

        Assert.Equal(new[] { ExecutionProviderKind.Cpu }, selection.Appended);
        Assert.Empty(selection.Failures);
        Assert.Equal(new[] { 2f, 4f, 6f }, outputs.First().GetTensorDataAsSpan<float>().ToArray());
    }

    [Fact]
    public void TensorRt_request_maps_to_the_documented_provider_option_keys()
    {
        var profile = new TensorRtProfile("hidden_states", [1, 256, 64], [1, 4096, 64], [4, 16384, 64]);
        var request = new TensorRtProviderRequest(1, "/cache/engines", "/cache/timing", Fp16: true, Fp8: true,
            EpContextPath: "/cache/epcontext", Profiles: [profile, profile with { Input = "img_ids", Min = [256, 3], Opt = [4096, 3], Max = [16384, 3] }]);

        var options = request.ToProviderOptions().ToDictionary(kv => kv.Key, kv => kv.Value);

        Assert.Equal(new Dictionary<string, string>
        {
            ["device_id"] = "1",
            ["trt_fp16_enable"] = "1",
            ["trt_engine_cache_enable"] = "1",
            ["trt_engine_cache_path"] = "/cache/engines",
            ["trt_timing_cache_enable"] = "1",
            ["trt_timing_cache_path"] = "/cache/timing",
            ["trt_dump_ep_context_model"] = "1",
            ["trt_ep_context_file_path"] = "/cache/epcontext",
            ["trt_profile_min_shapes"] = "hidden_states:1x256x64,img_ids:256x3",
            ["trt_profile_opt_shapes"] = "hidden_states:1x4096x64,img_ids:4096x3",
            ["trt_profile_max_shapes"] = "hidden_states:4x16384x64,img_ids:16384x3",
        }, options);
    }

    [Fact]
    public void TensorRt_caches_move_into_a_folder_per_package_and_component()
    {
        var request = new TensorRtProviderRequest(EngineCachePath: "/c/engines", TimingCachePath: "/c/timing", EpContextPath: "/c/ctx");

        var own = request.ForPackage("schnell-0123456789ab", "transformer", []);

        Assert.Equal(Path.Combine("/c/engines", "schnell-0123456789ab", "transformer"), own.EngineCachePath);
        Assert.Equal(Path.Combine("/c/ctx", "schnell-0123456789ab", "transformer"), own.EpContextPath);
        Assert.Equal("/c/timing", own.TimingCachePath); // layer timings are valid across engines
    }

    [Fact]
    public void TensorRt_profiles_come_from_the_manifest_signature_of_each_component()
    {
        var manifest = ProfileManifest(Variant.Schnell);

        var transformer = TensorRtProfiles.ForComponent(manifest, ComponentRoles.Transformer, new TensorRtShapeRange());
        var decoder = TensorRtProfiles.ForComponent(manifest, ComponentRoles.VaeDecoder, new TensorRtShapeRange());

        // 256² → 16·16 tokens, 1024² → 64·64, 2048² → 128·128 (latent /8, 2×2 patches); T5 length 256 fixed.
        Assert.Equal(new[]
        {
            ("hidden_states", "1x256x64", "1x4096x64", "4x16384x64"),
            ("encoder_hidden_states", "1x256x4096", "1x256x4096", "4x256x4096"),
            ("pooled_projections", "1x768", "1x768", "4x768"),
            ("timestep", "1", "1", "4"),
            ("img_ids", "256x3", "4096x3", "16384x3"),
        }, transformer.Select(p => (p.Input, string.Join("x", p.Min), string.Join("x", p.Opt), string.Join("x", p.Max))));
        Assert.Equal(new[] { ("latent", "1x16x32x32", "1x16x128x128", "4x16x256x256") },
            decoder.Select(p => (p.Input, string.Join("x", p.Min), string.Join("x", p.Opt), string.Join("x", p.Max))));
    }

    [Fact]
    public void TensorRt_profiles_double_the_image_tokens_for_kontext_references()
    {
        var profiles = TensorRtProfiles.ForComponent(ProfileManifest(Variant.Kontext), ComponentRoles.Transformer, new TensorRtShapeRange());

        var hidden = profiles.Single(p => p.Input == "hidden_states");
        Assert.Equal(new long[] { 1, 256, 64 }, hidden.Min);
        Assert.Equal(new long[] { 1, 8192, 64 }, hidden.Opt);
        Assert.Equal(new long[] { 4, 32768, 64 }, hidden.Max);
    }

    [Fact]
    public void An_unknown_symbolic_axis_is_refused_naming_the_component_and_axis()
    {
        var manifest = ProfileManifest(Variant.Schnell);
        var bad = manifest with
        {
            Components = new Dictionary<string, ComponentManifest>(manifest.Components)
            {
                [ComponentRoles.VaeDecoder] = manifest.Components[ComponentRoles.VaeDecoder] with
                {
                    Inputs = [new TensorSignature("latent", ElementType.Float, ["batch", "16", "frames", "latent_width"])],
                },
            },
        };

        var error = Assert.Throws<UnknownProfileAxisException>(
            () => TensorRtProfiles.ForComponent(bad, ComponentRoles.VaeDecoder, new TensorRtShapeRange()));

        Assert.Equal((ComponentRoles.VaeDecoder, "frames"), (error.Role, error.Axis));
    }

    /// <summary>A manifest with the transformer and VAE decoder signatures the converter writes (FluxIo,
    /// AutoencoderGraphs): symbolic batch, img_tokens and latent axes, T5 length 256.</summary>
    private static PackageManifest ProfileManifest(Variant variant)
    {
        static TensorSignature F(string name, params string[] shape) => new(name, ElementType.Float, shape);
        static ComponentManifest Component(TensorSignature[] inputs, TensorSignature[] outputs) =>
            new("c/model.onnx", null, 10, new Dictionary<string, long> { [""] = 23 }, inputs, outputs, null);
        var transformer = Component(
            [F("hidden_states", "batch", "img_tokens", "64"), F("encoder_hidden_states", "batch", "256", "4096"),
             F("pooled_projections", "batch", "768"), F("timestep", "batch"), F("img_ids", "img_tokens", "3"), F("txt_ids", "256", "3")],
            [F("latent", "batch", "img_tokens", "64")]);
        var decoder = Component([F("latent", "batch", "16", "latent_height", "latent_width")], [F("images", "batch", "3", "height", "width")]);
        return new PackageManifest(PackageManifest.CurrentFormatVersion, "tests", "flux", variant, Precision.Fp32, Target.TensorRt, ["tensorrt"],
            new SamplingDefaults(4, null, false, 1024, 1024), new LatentSpace(16, 8, 0.3611, 0.1159), new TextLengths(77, 256),
            new Dictionary<string, ComponentManifest> { [ComponentRoles.Transformer] = transformer, [ComponentRoles.VaeDecoder] = decoder },
            new Dictionary<string, string>(), [], new Dictionary<string, string>());
    }
}
