using System.Runtime.InteropServices;
using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Writing;
using FluxOnnx.Runtime;
using FluxOnnx.Runtime.Providers;
using Microsoft.ML.OnnxRuntime;
using Xunit;
using Xunit.Abstractions;

namespace FluxOnnx.GpuFlavor.Tests;

/// <summary>
/// The Gpu package lists CUDA and TensorRT, but their provider libraries need CUDA 13 (libcublasLt.so.13,
/// libcublas.so.13), cuDNN 9 and TensorRT 10 on the loader path. Measured with Microsoft.ML.OnnxRuntime.Gpu.Linux
/// 1.32.0 on a machine without them: CUDA fails on libcublasLt.so.13, TensorRT on libcublas.so.13. Where the library
/// is present the same tests assert that the provider appends instead.
/// </summary>
public sealed class GpuProviderTests(ITestOutputHelper output)
{
    [Fact]
    public void The_gpu_flavor_lists_tensorrt_and_cuda()
    {
        var providers = OrtEnv.Instance().GetAvailableProviders();

        Assert.Equal(new[] { "TensorrtExecutionProvider", "CUDAExecutionProvider", "CPUExecutionProvider" }, providers);
        Assert.Equal("1.32.0", OrtEnv.Instance().GetVersionString());
    }

    [Theory]
    [InlineData(ExecutionProviderKind.Cuda, "libcublasLt.so.13")]
    [InlineData(ExecutionProviderKind.TensorRt, "libcublas.so.13")]
    public void An_explicit_gpu_provider_without_cuda_fails_naming_the_provider_and_the_missing_library(
        ExecutionProviderKind kind, string library)
    {
        ExecutionProviderRequest request = kind == ExecutionProviderKind.Cuda
            ? new CudaProviderRequest()
            : new TensorRtProviderRequest(EngineCachePath: Path.GetTempPath(), Fp16: true);
        if (IsLoadable(library))
        {
            using var appended = new SessionSettings(request).CreateOptions(out var selection);
            Assert.Equal(kind, selection.Primary);
            return;
        }

        var error = Assert.Throws<ExecutionProviderUnavailableException>(() => new SessionSettings(request).CreateOptions(out _));

        output.WriteLine(error.Message);
        Assert.Equal(kind, error.Provider);
        Assert.Equal(library, error.MissingLibrary);
        Assert.StartsWith($"The {ExecutionProviderNames.Of(kind)} execution provider cannot load: {library} is missing (the Gpu build needs CUDA 13", error.Message);
        Assert.Contains("cannot open shared object file", error.Detail);
        Assert.Contains($"libonnxruntime_providers_{(kind == ExecutionProviderKind.Cuda ? "cuda" : "tensorrt")}.so", error.Detail);
        Assert.IsType<OnnxRuntimeException>(error.InnerException);
    }

    [Fact]
    public void DirectMl_is_not_in_the_gpu_build()
    {
        var error = Assert.Throws<ExecutionProviderUnavailableException>(
            () => new SessionSettings(new DirectMlProviderRequest()).CreateOptions(out _));

        Assert.Equal(ExecutionProviderKind.DirectMl, error.Provider);
        Assert.Equal("DML execution provider is not supported in this build.", error.Detail);
        Assert.Null(error.MissingLibrary);
        Assert.Contains("-p:FluxOrtFlavor=directml", error.Message);
    }

    [Fact]
    public void Auto_without_cuda_falls_back_to_cpu_recording_each_missing_library_and_cpu_still_runs()
    {
        if (IsLoadable("libcublas.so.13"))
        {
            using var gpu = new SessionSettings(new AutoProviderRequest()).CreateOptions(out var found);
            Assert.Equal(ExecutionProviderKind.TensorRt, found.Primary);
            return;
        }

        using var options = new SessionSettings(new AutoProviderRequest(), IntraOpThreads: 1).CreateOptions(out var selection);

        Assert.Equal(ExecutionProviderKind.Cpu, selection.Primary);
        Assert.Equal(
            new[] { (ExecutionProviderKind.TensorRt, "libcublas.so.13"), (ExecutionProviderKind.Cuda, "libcublasLt.so.13"), (ExecutionProviderKind.DirectMl, (string?)null) },
            selection.Failures.Select(f => (f.Provider, f.MissingLibrary)));
        var model = Path.Combine(Path.GetTempPath(), "fluxonnx-gpu-flavor-add-" + Guid.NewGuid().ToString("N") + ".onnx");
        var g = new GraphBuilder();
        var input = g.Input("x", ElementType.Float, new Shape(2));
        g.Output(g.Add(input, input), "y");
        new OnnxModelWriter().Write(g.Build(), model);
        try
        {
            using var session = new ModelSession(model, options);
            using var x = OnnxTensors.Wrap(new float[] { 1.5f, -2f }, 2);
            using var y = session.Run(new Dictionary<string, OrtValue> { ["x"] = x });
            Assert.Equal(new[] { 3f, -4f }, y.Single().GetTensorDataAsSpan<float>().ToArray());
        }
        finally
        {
            File.Delete(model);
            File.Delete(model + ".data");
        }
    }

    private static bool IsLoadable(string library)
    {
        if (!NativeLibrary.TryLoad(library, out var handle))
        {
            return false;
        }
        NativeLibrary.Free(handle);
        return true;
    }
}
