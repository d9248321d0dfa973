using System.Globalization;

namespace FluxOnnx.Runtime.Providers;

/// <summary>
/// The TensorRT provider (<c>libonnxruntime_providers_tensorrt</c>, Microsoft.ML.OnnxRuntime.Gpu), configured through
/// ORT's TensorRT options object. Keys, from ORT's TensorRT provider documentation: <c>device_id</c>,
/// <c>trt_fp16_enable</c>, <c>trt_engine_cache_enable</c> + <c>trt_engine_cache_path</c>,
/// <c>trt_timing_cache_enable</c> + <c>trt_timing_cache_path</c>, <c>trt_dump_ep_context_model</c> +
/// <c>trt_ep_context_file_path</c>, and <c>trt_profile_min_shapes</c> / <c>trt_profile_opt_shapes</c> /
/// <c>trt_profile_max_shapes</c> ("name:d0xd1x…,name:…").
/// </summary>
/// <param name="DeviceId">CUDA device ordinal.</param>
/// <param name="EngineCachePath">Folder for built engines; null disables the engine cache. The pipeline gives each
/// package a folder of its own (<see cref="ForPackage"/>).</param>
/// <param name="TimingCachePath">Folder for the layer timing cache; null disables it.</param>
/// <param name="Fp16">Lets TensorRT pick fp16 kernels for fp32 layers (<c>trt_fp16_enable</c>).</param>
/// <param name="Fp8">
/// Declares that the graph carries fp8. ORT's TensorRT provider has no fp8 switch (there is no
/// <c>trt_fp8_enable</c> key): TensorRT runs fp8 only from explicit quantization in the graph, i.e.
/// QuantizeLinear/DequantizeLinear pairs with FLOAT8E4M3FN zero points, which the converter emits. So this flag
/// sets no provider key; it is recorded so callers can check that an fp8 package is run on TensorRT.
/// </param>
/// <param name="EpContextPath">Folder where TensorRT writes an EPContext model that embeds the built engine, so a later
/// load skips the build; null writes none.</param>
/// <param name="Profiles">Optimization profile per dynamic input (min, opt, max shapes); empty lets TensorRT build for the
/// first shape it sees. The pipeline fills them from the package manifest for each component
/// (<see cref="TensorRtProfiles"/>).</param>
public sealed record TensorRtProviderRequest(
    int DeviceId = 0,
    string? EngineCachePath = null,
    string? TimingCachePath = null,
    bool Fp16 = false,
    bool Fp8 = false,
    string? EpContextPath = null,
    IReadOnlyList<TensorRtProfile>? Profiles = null) : ExecutionProviderRequest
{
    public override ExecutionProviderKind Kind => ExecutionProviderKind.TensorRt;

    /// <summary>
    /// This request with its cache folders moved into one sub-folder per package and component
    /// (<c>{path}/{packageId}/{role}</c>): engines built for one package's graphs are never offered to another's.
    /// </summary>
    public TensorRtProviderRequest ForPackage(string packageId, string role, IReadOnlyList<TensorRtProfile> profiles)
    {
        string? Sub(string? path) => path is null ? null : Path.Combine(path, packageId, role);
        return this with
        {
            EngineCachePath = Sub(EngineCachePath),
            EpContextPath = Sub(EpContextPath),
            Profiles = profiles,
        };
    }

    /// <summary>The provider option keys and values this request sets, in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ToProviderOptions()
    {
        var options = new List<KeyValuePair<string, string>>
        {
            new("device_id", DeviceId.ToString(CultureInfo.InvariantCulture)),
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
        if (EpContextPath is not null)
        {
            options.Add(new("trt_dump_ep_context_model", "1"));
            options.Add(new("trt_ep_context_file_path", EpContextPath));
        }
        if (Profiles is { Count: > 0 } profiles)
        {
            options.Add(new("trt_profile_min_shapes", TensorRtProfile.Format(profiles, p => p.Min)));
            options.Add(new("trt_profile_opt_shapes", TensorRtProfile.Format(profiles, p => p.Opt)));
            options.Add(new("trt_profile_max_shapes", TensorRtProfile.Format(profiles, p => p.Max)));
        }
        return options;
    }
}
