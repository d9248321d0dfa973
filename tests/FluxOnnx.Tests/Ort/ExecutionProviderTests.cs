using FluxOnnx.Ort;
using FluxOnnx.Ort.Providers;
using Xunit;
using Xunit.Abstractions;

namespace FluxOnnx.Tests.Ort;

[Collection(OrtCollection.Name)]
public sealed class ExecutionProviderTests
{
    private readonly OrtFixture _ort;
    private readonly ITestOutputHelper _output;

    public ExecutionProviderTests(OrtFixture ort, ITestOutputHelper output)
    {
        _ort = ort;
        _output = output;
    }

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
        Assert.Contains("tensorrt", error.Message);
    }

    [Theory]
    [InlineData(ExecutionProviderKind.Cuda)]
    [InlineData(ExecutionProviderKind.TensorRt)]
    [InlineData(ExecutionProviderKind.DirectMl)]
    public void Explicit_gpu_provider_on_the_cpu_build_throws_unavailable_and_options_stay_usable(ExecutionProviderKind kind)
    {
        ExecutionProviderRequest request = kind switch
        {
            ExecutionProviderKind.Cuda => new CudaProviderRequest(0),
            ExecutionProviderKind.TensorRt => new TensorRtProviderRequest(0, _ort.Directory, _ort.Directory, Fp16: true),
            _ => new DirectMlProviderRequest(0),
        };
        using var options = new OrtSessionOptions(_ort.Library);

        var error = Assert.Throws<ExecutionProviderUnavailableException>(() => options.AppendExecutionProvider(request));

        Assert.Equal(kind, error.Provider);
        Assert.False(string.IsNullOrWhiteSpace(error.Detail));
        Assert.Contains(kind.ToString(), error.Message);
        Assert.Contains(error.Detail, error.Message);
        Assert.IsType<OrtException>(error.InnerException);
        using var session = _ort.Open(TestModels.AddFloat(), $"ep_after_{kind}.onnx", options);
        Assert.Equal(2, session.Inputs.Count);
    }

    [Fact]
    public void Auto_on_the_cpu_build_picks_cpu_and_reports_why_the_others_failed()
    {
        using var options = new OrtSessionOptions(_ort.Library);

        var selection = options.AppendExecutionProvider(new AutoProviderRequest());

        Assert.Equal(ExecutionProviderKind.Cpu, selection.Primary);
        Assert.Equal(new[] { ExecutionProviderKind.Cpu }, selection.Appended);
        Assert.Equal(
            new[] { ExecutionProviderKind.TensorRt, ExecutionProviderKind.Cuda, ExecutionProviderKind.DirectMl },
            selection.Failures.Select(f => f.Provider));
        Assert.All(selection.Failures, f => Assert.False(string.IsNullOrWhiteSpace(f.Detail)));
    }

    [Fact]
    public void Cpu_request_appends_cpu_and_the_session_runs()
    {
        using var options = new OrtSessionOptions(_ort.Library);

        var selection = options.AppendExecutionProvider(new CpuProviderRequest());
        using var session = _ort.Open(TestModels.AddFloat(), "ep_cpu.onnx", options);
        using var va = OrtValue.CreateTensor(_ort.Library, new float[] { 1, 2, 3 }.AsMemory(), [1, 3]);
        using var outputs = session.Run([new("A", va), new("B", va)]);

        Assert.Equal(new[] { ExecutionProviderKind.Cpu }, selection.Appended);
        Assert.Empty(selection.Failures);
        Assert.Equal(new[] { 2f, 4f, 6f }, outputs[0].GetTensorData<float>().ToArray());
    }

    [Fact]
    public void TensorRt_request_maps_to_the_documented_provider_option_keys()
    {
        var request = new TensorRtProviderRequest(1, "/cache/engines", "/cache/timing", Fp16: true, Fp8: true);

        var options = request.ToProviderOptions().ToDictionary(kv => kv.Key, kv => kv.Value);

        Assert.Equal(new Dictionary<string, string>
        {
            ["device_id"] = "1",
            ["trt_fp16_enable"] = "1",
            ["trt_engine_cache_enable"] = "1",
            ["trt_engine_cache_path"] = "/cache/engines",
            ["trt_timing_cache_enable"] = "1",
            ["trt_timing_cache_path"] = "/cache/timing",
        }, options);
    }

    [Fact]
    public void Cuda_and_tensorrt_reasons_on_this_machine_name_the_missing_shared_library()
    {
        using var options = new OrtSessionOptions(_ort.Library);

        var selection = options.AppendExecutionProvider(new AutoProviderRequest());

        foreach (var failure in selection.Failures)
        {
            _output.WriteLine($"{failure.Provider}: {failure.Detail}");
        }
        foreach (var failure in selection.Failures.Where(f => f.Provider != ExecutionProviderKind.DirectMl))
        {
            Assert.Contains("libonnxruntime_providers_", failure.Detail);
        }
    }
}
