using System.Diagnostics;
using System.Security.Cryptography;
using FluxOnnx.Packaging;
using FluxOnnx.Runtime;
using FluxOnnx.Runtime.Providers;
using Microsoft.ML.OnnxRuntime;

namespace FluxOnnx.Pipeline;

/// <summary>
/// Owner of the pipeline's ORT sessions, one per component role, opened on first use (or eagerly) and released on
/// request (low-memory mode) or on dispose. Each new session is checked against <see cref="PackageContract"/>.
/// Every role shares one <see cref="SessionOptions"/>, except with TensorRT, where each role gets options of its own:
/// its optimization profiles come from that component's manifest signature and its engine cache and EPContext files
/// go to a folder of that package and role. Not thread-safe: the pipeline serializes calls.
/// </summary>
internal sealed class ComponentSessions : IDisposable
{
    private readonly ModelPackage _package;
    private readonly PipelineOptions _pipelineOptions;
    private readonly SessionSettings _settings;
    private readonly SessionOptions _shared;
    private readonly Dictionary<string, ModelSession> _open = new(StringComparer.Ordinal);

    public ComponentSessions(ModelPackage package, PipelineOptions options)
    {
        _package = package;
        _pipelineOptions = options;
        var config = new Dictionary<string, string>(StringComparer.Ordinal);
        if (package.Manifest.Precision == Precision.Fp8 && package.Manifest.Target == Target.TensorRt)
        {
            // Static fp8 activation Q/DQ (for TensorRT): ORT's own QDQ fusion would turn Q → DQ → MatMul into
            // MatMulIntegerToFloat, which rejects FLOAT8E4M3FN inputs (ORT CPU), so leave QDQ unfused.
            config["session.disable_quant_qdq"] = "1";
        }
        _settings = new SessionSettings(options.Provider, options.IntraOpThreads, OptimizationLevel: options.OptimizationLevel)
        {
            ConfigEntries = config,
            PrepackWeights = options.PrepackWeights ?? PipelineOptions.DefaultPrepackWeights(package.Manifest.Precision),
            EnableCpuMemArena = options.EnableCpuMemArena,
            EnableMemoryPattern = options.EnableMemoryPattern,
            AllowSpinning = options.AllowSpinning,
        };
        _shared = _settings.CreateOptions(out var selection);
        Selection = selection;
    }

    /// <summary>The providers appended to every session.</summary>
    public ExecutionProviderSelection Selection { get; }

    /// <summary>Roles whose session is currently open.</summary>
    public IReadOnlyCollection<string> OpenRoles => _open.Keys;

    /// <summary>The session of <paramref name="role"/>, created (and contract-checked) if not open.</summary>
    public ModelSession Get(string role, IProgress<PipelineProgress>? progress, Stopwatch clock, int totalSteps)
    {
        if (_open.TryGetValue(role, out var session))
        {
            return session;
        }
        progress?.Report(new PipelineProgress(PipelineStage.LoadingComponent, 0, totalSteps, clock.Elapsed, role));
        if (_settings.Provider is TensorRtProviderRequest tensorRt)
        {
            var profiles = TensorRtProfiles.ForComponent(_package.Manifest, role, _pipelineOptions.TensorRtShapes);
            using var own = (_settings with { Provider = tensorRt.ForPackage(PackageId(), role, profiles) }).CreateOptions(out _);
            session = new ModelSession(_package.GraphPath(role), own);
        }
        else
        {
            // Arena shrinking after a stage's last run: only for the CPU provider with its arena on (ORT refuses a
            // shrink request for a device without an arena; other providers' arenas are not measured here).
            bool shrinkable = Selection.Primary == ExecutionProviderKind.Cpu && _settings.EnableCpuMemArena;
            session = new ModelSession(_package.GraphPath(role), _shared, shrinkable);
        }
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
        _shared.Dispose();
    }

    /// <summary>The package folder's name and the first 12 hex digits of its manifest's SHA-256: a re-converted package
    /// gets new engines.</summary>
    private string PackageId()
    {
        var hash = SHA256.HashData(File.ReadAllBytes(Path.Combine(_package.Root, PackageManifest.FileName)));
        return Path.GetFileName(Path.TrimEndingDirectorySeparator(_package.Root)) + "-" + Convert.ToHexStringLower(hash)[..12];
    }
}
