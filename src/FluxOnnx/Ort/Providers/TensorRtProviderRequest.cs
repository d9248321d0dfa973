namespace FluxOnnx.Ort.Providers;

/// <summary>
/// The TensorRT provider (<c>libonnxruntime_providers_tensorrt</c>), configured through ORT's TensorRT V2 options
/// object. Keys set, from ORT's TensorRT provider documentation: <c>device_id</c>,
/// <c>trt_engine_cache_enable</c> + <c>trt_engine_cache_path</c>, <c>trt_timing_cache_enable</c> +
/// <c>trt_timing_cache_path</c>, <c>trt_fp16_enable</c>.
/// </summary>
/// <param name="DeviceId">CUDA device ordinal.</param>
/// <param name="EngineCachePath">Folder for built engines; null disables the engine cache.</param>
/// <param name="TimingCachePath">Folder for the layer timing cache; null disables it.</param>
/// <param name="Fp16">Lets TensorRT pick fp16 kernels for fp32 layers (<c>trt_fp16_enable</c>).</param>
/// <param name="Fp8">
/// Declares that the graph carries fp8. ORT's TensorRT provider has no fp8 switch (there is no
/// <c>trt_fp8_enable</c> key): TensorRT runs fp8 only from explicit quantization in the graph, i.e.
/// QuantizeLinear/DequantizeLinear pairs with FLOAT8E4M3FN zero points, which the converter emits. So this flag
/// sets no provider key; it is recorded so callers can check that an fp8 package is run on TensorRT.
/// </param>
public sealed record TensorRtProviderRequest(
    int DeviceId = 0,
    string? EngineCachePath = null,
    string? TimingCachePath = null,
    bool Fp16 = false,
    bool Fp8 = false) : ExecutionProviderRequest
{
    public override ExecutionProviderKind Kind => ExecutionProviderKind.TensorRt;

    /// <summary>The provider option keys and values this request sets, in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ToProviderOptions()
    {
        var options = new List<KeyValuePair<string, string>>
        {
            new("device_id", DeviceId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("trt_fp16_enable", Fp16 ? "1" : "0"),
        };
        if (EngineCachePath is not null)
        {
            options.Add(new("trt_engine_cache_enable", "1"));
            options.Add(new("trt_engine_cache_path", EngineCachePath));
        }
        if (TimingCachePath is not null)
        {
            options.Add(new("trt_timing_cache_enable", "1"));
            options.Add(new("trt_timing_cache_path", TimingCachePath));
        }
        return options;
    }
}
