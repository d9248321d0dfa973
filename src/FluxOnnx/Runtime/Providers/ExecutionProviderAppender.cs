using Microsoft.ML.OnnxRuntime;

namespace FluxOnnx.Runtime.Providers;

/// <summary>
/// Appends execution provider requests to ONNX Runtime session options. A failed append leaves the options as they
/// were (ORT adds the provider factory only on success), so the same options still make a CPU session.
/// </summary>
/// <remarks>
/// What each build says when a provider cannot load (measured with Microsoft.ML.OnnxRuntime(.Gpu.Linux) 1.32.0 on a
/// machine without CUDA): the CPU package answers "CUDA execution provider is not enabled in this build." (TensorRT
/// likewise) and "DML execution provider is not supported in this build."; the Gpu package answers "Failed to load
/// library …/libonnxruntime_providers_cuda.so with error: libcublasLt.so.13: cannot open shared object file" (TensorRT:
/// libcublas.so.13). Both arrive as <see cref="OnnxRuntimeException"/>; the typed-entry-point DirectML and CUDA
/// appenders of the managed API throw <see cref="EntryPointNotFoundException"/> on builds without them, so CUDA and
/// TensorRT go through their options objects and DirectML through the generic by-name appender.
/// </remarks>
internal static class ExecutionProviderAppender
{
    public static ExecutionProviderSelection Append(SessionOptions options, ExecutionProviderRequest request)
    {
        if (request is AutoProviderRequest auto)
        {
            return AppendAuto(options, auto);
        }
        try
        {
            AppendOne(options, request);
        }
        catch (Exception e) when (IsProviderFailure(e))
        {
            throw ExecutionProviderUnavailableException.From(request.Kind, e);
        }
        return new ExecutionProviderSelection([request.Kind], []);
    }

    private static ExecutionProviderSelection AppendAuto(SessionOptions options, AutoProviderRequest auto)
    {
        var failures = new List<ExecutionProviderFailure>();
        foreach (var kind in AutoProviderRequest.Order)
        {
            ExecutionProviderRequest request = kind switch
            {
                ExecutionProviderKind.TensorRt => new TensorRtProviderRequest(auto.DeviceId),
                ExecutionProviderKind.Cuda => new CudaProviderRequest(auto.DeviceId),
                ExecutionProviderKind.DirectMl => new DirectMlProviderRequest(auto.DeviceId),
                _ => new CpuProviderRequest(),
            };
            try
            {
                AppendOne(options, request);
            }
            catch (Exception e) when (IsProviderFailure(e))
            {
                failures.Add(ExecutionProviderFailure.From(kind, e));
                continue;
            }
            var appended = new List<ExecutionProviderKind> { kind };
            if (kind == ExecutionProviderKind.TensorRt)
            {
                // Nodes TensorRT rejects then run on the GPU rather than the CPU.
                try
                {
                    AppendOne(options, new CudaProviderRequest(auto.DeviceId));
                    appended.Add(ExecutionProviderKind.Cuda);
                }
                catch (Exception e) when (IsProviderFailure(e))
                {
                    failures.Add(ExecutionProviderFailure.From(ExecutionProviderKind.Cuda, e));
                }
            }
            return new ExecutionProviderSelection(appended, failures);
        }
        throw new InvalidOperationException("The CPU provider is always appendable; the automatic order must end with it.");
    }

    private static bool IsProviderFailure(Exception e) => e is OnnxRuntimeException or EntryPointNotFoundException;

    private static void AppendOne(SessionOptions options, ExecutionProviderRequest request)
    {
        switch (request)
        {
            case CpuProviderRequest:
                return;
            case CudaProviderRequest cuda:
            {
                using var cudaOptions = new OrtCUDAProviderOptions();
                cudaOptions.UpdateOptions(new Dictionary<string, string> { ["device_id"] = Invariant(cuda.DeviceId) });
                options.AppendExecutionProvider_CUDA(cudaOptions);
                return;
            }
            case TensorRtProviderRequest tensorRt:
            {
                using var trtOptions = new OrtTensorRTProviderOptions();
                trtOptions.UpdateOptions(tensorRt.ToProviderOptions().ToDictionary(kv => kv.Key, kv => kv.Value));
                options.AppendExecutionProvider_Tensorrt(trtOptions);
                return;
            }
            case DirectMlProviderRequest directMl:
                options.AppendExecutionProvider("DML", new Dictionary<string, string> { ["device_id"] = Invariant(directMl.DeviceId) });
                // DirectML cannot use memory patterns or parallel execution (ORT's DirectML provider documentation).
                options.EnableMemoryPattern = false;
                options.ExecutionMode = ExecutionMode.ORT_SEQUENTIAL;
                return;
            default:
                throw new ArgumentOutOfRangeException(nameof(request), request, "Not a single provider request.");
        }
    }

    private static string Invariant(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
