using FluxOnnx.Ort.Native;
using FluxOnnx.Ort.Providers;

namespace FluxOnnx.Ort;

/// <summary>
/// Owner of an <c>OrtSessionOptions</c>. Settings are copied into each session created from it, so the options
/// may be changed or disposed after <see cref="OrtSession"/> construction without affecting that session.
/// Not thread-safe.
/// </summary>
public sealed unsafe class OrtSessionOptions : IDisposable
{
    public OrtSessionOptions(OrtLibrary library)
    {
        ArgumentNullException.ThrowIfNull(library);
        Library = library;
        nint options;
        library.Check(library.Api.CreateSessionOptions(&options));
        Handle = library.Own(options, OrtApiSlot.ReleaseSessionOptions);
    }

    public OrtLibrary Library { get; }

    internal OrtHandle Handle { get; }

    private OrtApi Api => Library.Api;

    internal nint Native
    {
        get
        {
            ObjectDisposedException.ThrowIf(Handle.IsClosed, this);
            return Handle.DangerousGetHandle();
        }
    }

    /// <summary>Threads used inside one operator; 0 lets ORT choose (one per physical core).</summary>
    public void SetIntraOpThreads(int threads) => Library.Check(Api.SetIntraOpNumThreads(Native, threads));

    /// <summary>Threads used to run independent operators in parallel (parallel execution mode only); 0 lets ORT choose.</summary>
    public void SetInterOpThreads(int threads) => Library.Check(Api.SetInterOpNumThreads(Native, threads));

    public void SetGraphOptimizationLevel(OrtGraphOptimizationLevel level) =>
        Library.Check(Api.SetSessionGraphOptimizationLevel(Native, (int)level));

    /// <summary>Makes session creation write the graph after optimization to <paramref name="path"/> (ONNX format).</summary>
    public void SetOptimizedModelPath(string path)
    {
        fixed (byte* p = NativeText.OrtPath(path))
        {
            Library.Check(Api.SetOptimizedModelFilePath(Native, p));
        }
    }

    /// <summary>
    /// Sets one session configuration entry (keys are listed in ORT's
    /// <c>onnxruntime_session_options_config_keys.h</c>, e.g. <c>session.disable_prepacking</c>).
    /// </summary>
    public void AddConfigEntry(string key, string value)
    {
        fixed (byte* k = NativeText.Utf8(key))
        fixed (byte* v = NativeText.Utf8(value))
        {
            Library.Check(Api.AddSessionConfigEntry(Native, k, v));
        }
    }

    /// <summary>
    /// Fixes the symbolic dimension called <paramref name="dimensionName"/> to <paramref name="value"/> in every graph
    /// input that uses it, so ORT can plan memory for it; session metadata then reports the fixed value.
    /// </summary>
    public void AddFreeDimensionOverride(string dimensionName, long value)
    {
        fixed (byte* n = NativeText.Utf8(dimensionName))
        {
            Library.Check(Api.AddFreeDimensionOverrideByName(Native, n, value));
        }
    }

    /// <summary>Memory-pattern planning (reuses one allocation plan across runs with equal shapes). ORT default: on.</summary>
    public void SetMemoryPattern(bool enabled) =>
        Library.Check(enabled ? Api.EnableMemPattern(Native) : Api.DisableMemPattern(Native));

    /// <summary>The CPU memory arena (keeps freed blocks for reuse). ORT default: on.</summary>
    public void SetCpuMemoryArena(bool enabled) =>
        Library.Check(enabled ? Api.EnableCpuMemArena(Native) : Api.DisableCpuMemArena(Native));

    /// <summary>Least severe level this session's loader and runs report; goes to the environment's logger.</summary>
    public void SetLogSeverity(OrtLogLevel level) => Library.Check(Api.SetSessionLogSeverityLevel(Native, (int)level));

    public void SetLogId(string logId)
    {
        fixed (byte* id = NativeText.Utf8(logId))
        {
            Library.Check(Api.SetSessionLogId(Native, id));
        }
    }

    /// <summary>
    /// Appends the execution provider <paramref name="request"/> names. An explicit provider that cannot load throws
    /// <see cref="ExecutionProviderUnavailableException"/> and leaves these options usable for CPU; only
    /// <see cref="AutoProviderRequest"/> falls back, and it reports what it tried.
    /// </summary>
    /// <returns>Which providers were appended, and why others were passed over.</returns>
    public ExecutionProviderSelection AppendExecutionProvider(ExecutionProviderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ExecutionProviderAppender.Append(this, request);
    }

    public void Dispose() => Handle.Dispose();
}
