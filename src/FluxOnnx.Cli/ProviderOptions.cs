using System.CommandLine;
using FluxOnnx.Runtime.Providers;

namespace FluxOnnx.Cli;

/// <summary>The provider options of the commands that run packages, and their mapping to one provider request.</summary>
public sealed class ProviderOptions
{
    public Option<string> Provider { get; } = new("--provider")
    {
        Description = "cpu, cuda, tensorrt, directml or auto (cuda/tensorrt need a flux built with -p:FluxOrtFlavor=gpu, directml one built with -p:FluxOrtFlavor=directml).",
        DefaultValueFactory = _ => "cpu",
    };

    public Option<string?> TensorRtCache { get; } = new("--trt-cache")
    {
        Description = "TensorRT: folder for built engines, the timing cache and EPContext models (one sub-folder per package and component).",
    };

    public Option<bool> TensorRtFp16 { get; } = new("--trt-fp16") { Description = "TensorRT: allow fp16 kernels for fp32 layers." };

    public IEnumerable<Option> All => [Provider, TensorRtCache, TensorRtFp16];

    /// <summary>The request for a parse result; TensorRT settings given with another provider are refused.</summary>
    public ExecutionProviderRequest Parse(ParseResult parse)
    {
        var request = ExecutionProviderParser.Parse(parse.GetRequiredValue(Provider));
        var cache = parse.GetValue(TensorRtCache);
        var fp16 = parse.GetValue(TensorRtFp16);
        if (request is TensorRtProviderRequest tensorRt)
        {
            return tensorRt with
            {
                EngineCachePath = cache is null ? null : Path.GetFullPath(Path.Combine(cache, "engines")),
                TimingCachePath = cache is null ? null : Path.GetFullPath(Path.Combine(cache, "timing")),
                EpContextPath = cache is null ? null : Path.GetFullPath(Path.Combine(cache, "epcontext")),
                Fp16 = fp16,
            };
        }
        if (cache is not null || fp16)
        {
            throw new CliUsageException("--provider", $"--trt-cache and --trt-fp16 apply to --provider tensorrt only, not {ExecutionProviderNames.Of(request.Kind)}");
        }
        return request;
    }
}
