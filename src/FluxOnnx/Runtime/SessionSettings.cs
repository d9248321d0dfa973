using FluxOnnx.Runtime.Providers;
using Microsoft.ML.OnnxRuntime;

namespace FluxOnnx.Runtime;

/// <summary>
/// Everything FluxOnnx sets on an ONNX Runtime session, as one immutable record: threads, optimization level, memory
/// settings, session config entries and the execution provider. <see cref="CreateOptions"/> turns it into ORT's
/// <see cref="SessionOptions"/>.
/// </summary>
/// <param name="Provider">Execution provider; null is the CPU provider.</param>
/// <param name="IntraOpThreads">Threads inside one operator; 0 lets ORT choose: one per physical core as ORT's platform
/// layer counts them (ORT's threading guide: "Number of physical CPU Cores", hyper-threads not counted; on Windows its
/// <c>HardwareCoreEnumerator</c>), with the threads pinned to cores.</param>
/// <param name="InterOpThreads">Threads across independent operators (parallel execution only); 0 lets ORT choose.</param>
/// <param name="OptimizationLevel">ORT graph optimization level.</param>
public sealed record SessionSettings(
    ExecutionProviderRequest? Provider = null,
    int IntraOpThreads = 0,
    int InterOpThreads = 0,
    GraphOptimizationLevel OptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL)
{
    /// <summary>Session config entries (<c>session.*</c> keys of ORT's <c>onnxruntime_session_options_config_keys.h</c>).
    /// ORT accepts unknown keys silently, so only documented keys belong here.</summary>
    public IReadOnlyDictionary<string, string> ConfigEntries { get; init; } = new Dictionary<string, string>();

    /// <summary>ORT's memory-pattern planner (on by default in ORT).</summary>
    public bool EnableMemoryPattern { get; init; } = true;

    /// <summary>ORT's CPU memory arena (on by default in ORT).</summary>
    public bool EnableCpuMemArena { get; init; } = true;

    /// <summary>
    /// ORT's weight prepacking (on by default in ORT): kernels such as MLAS's fp32 GEMM and MatMulNBits copy constant
    /// weights into their own layout at load. False sets <c>session.disable_prepacking</c>: external weights stay
    /// memory-mapped and each run packs what it needs.
    /// </summary>
    public bool PrepackWeights { get; init; } = true;

    /// <summary>Whether idle intra-op threads spin before sleeping (ORT default: yes). False sets
    /// <c>session.intra_op.allow_spinning</c> and <c>session.inter_op.allow_spinning</c> to 0.</summary>
    public bool AllowSpinning { get; init; } = true;

    /// <summary>Write ORT's JSON profile with this file-name prefix; null writes none.</summary>
    public string? ProfilePathPrefix { get; init; }

    /// <summary>Free dimensions fixed by name before the session is created (ORT <c>AddFreeDimensionOverrideByName</c>).</summary>
    public IReadOnlyDictionary<string, long> FreeDimensions { get; init; } = new Dictionary<string, long>();

    /// <summary>Threads must not be negative.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A thread count below zero.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(IntraOpThreads);
        ArgumentOutOfRangeException.ThrowIfNegative(InterOpThreads);
    }

    /// <summary>
    /// New session options with every setting applied and the provider appended. The caller owns (disposes) the
    /// options; they may be shared by several sessions.
    /// </summary>
    /// <exception cref="ExecutionProviderUnavailableException">An explicitly requested provider cannot load.</exception>
    public SessionOptions CreateOptions(out ExecutionProviderSelection selection)
    {
        Validate();
        var options = new SessionOptions();
        try
        {
            options.IntraOpNumThreads = IntraOpThreads;
            options.InterOpNumThreads = InterOpThreads;
            options.GraphOptimizationLevel = OptimizationLevel;
            options.EnableMemoryPattern = EnableMemoryPattern;
            options.EnableCpuMemArena = EnableCpuMemArena;
            if (ProfilePathPrefix is not null)
            {
                // The prefix first: the managed EnableProfiling setter hands ORT the prefix set at that moment.
                options.ProfileOutputPathPrefix = ProfilePathPrefix;
                options.EnableProfiling = true;
            }
            if (!PrepackWeights)
            {
                options.AddSessionConfigEntry("session.disable_prepacking", "1");
            }
            if (!AllowSpinning)
            {
                options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
                options.AddSessionConfigEntry("session.inter_op.allow_spinning", "0");
            }
            foreach (var (key, value) in ConfigEntries)
            {
                options.AddSessionConfigEntry(key, value);
            }
            foreach (var (name, value) in FreeDimensions)
            {
                options.AddFreeDimensionOverrideByName(name, value);
            }
            selection = ExecutionProviderAppender.Append(options, Provider ?? new CpuProviderRequest());
            return options;
        }
        catch
        {
            options.Dispose();
            throw;
        }
    }
}
