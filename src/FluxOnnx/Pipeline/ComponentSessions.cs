using System.Diagnostics;
using FluxOnnx.Ort;
using FluxOnnx.Ort.Providers;
using FluxOnnx.Packaging;

namespace FluxOnnx.Pipeline;

/// <summary>
/// Owner of the pipeline's ORT sessions, one per component role, opened on first use (or eagerly) with the same
/// session options, and released on request (low-memory mode) or on dispose. Each new session is checked against
/// <see cref="PackageContract"/>. Not thread-safe: the pipeline serializes calls.
/// </summary>
internal sealed class ComponentSessions : IDisposable
{
    private readonly ModelPackage _package;
    private readonly OrtEnvironment _environment;
    private readonly OrtSessionOptions _options;
    private readonly Dictionary<string, OrtSession> _open = new(StringComparer.Ordinal);

    public ComponentSessions(ModelPackage package, OrtLibrary library, PipelineOptions options)
    {
        _package = package;
        _environment = new OrtEnvironment(library);
        try
        {
            _options = new OrtSessionOptions(library);
            _options.SetIntraOpThreads(options.IntraOpThreads);
            _options.SetGraphOptimizationLevel(options.OptimizationLevel);
            if (package.Manifest.Precision == "fp8" && package.Manifest.Target == "tensorrt")
            {
                // Static fp8 activation Q/DQ (for TensorRT): ORT's own QDQ fusion would turn Q → DQ → MatMul into
                // MatMulIntegerToFloat, which rejects FLOAT8E4M3FN inputs (ORT 1.30, CPU), so leave QDQ unfused.
                _options.AddConfigEntry("session.disable_quant_qdq", "1");
            }
            Selection = _options.AppendExecutionProvider(options.Provider ?? new CpuProviderRequest());
        }
        catch
        {
            _options?.Dispose();
            _environment.Dispose();
            throw;
        }
    }

    /// <summary>The providers appended to every session.</summary>
    public ExecutionProviderSelection Selection { get; }

    /// <summary>Roles whose session is currently open.</summary>
    public IReadOnlyCollection<string> OpenRoles => _open.Keys;

    /// <summary>The session of <paramref name="role"/>, created (and contract-checked) if not open.</summary>
    public OrtSession Get(string role, IProgress<PipelineProgress>? progress, Stopwatch clock, int totalSteps)
    {
        if (_open.TryGetValue(role, out var session))
        {
            return session;
        }
        progress?.Report(new PipelineProgress(PipelineStage.LoadingComponent, 0, totalSteps, clock.Elapsed, role));
        session = new OrtSession(_environment, _package.GraphPath(role), _options);
        try
        {
            PackageContract.CheckSession(_package, role, session);
        }
        catch
        {
            session.Dispose();
            throw;
        }
        _open[role] = session;
        return session;
    }

    /// <summary>Disposes the session of <paramref name="role"/> if open; the next <see cref="Get"/> reopens it.</summary>
    public void Release(string role)
    {
        if (_open.Remove(role, out var session))
        {
            session.Dispose();
        }
    }

    public void Dispose()
    {
        foreach (var session in _open.Values)
        {
            session.Dispose();
        }
        _open.Clear();
        _options.Dispose();
        _environment.Dispose();
    }
}
