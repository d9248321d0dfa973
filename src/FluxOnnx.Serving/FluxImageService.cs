using System.Collections.Concurrent;
using FluxOnnx.Serving.Errors;
using FluxOnnx.Serving.Jobs;
using FluxOnnx.Serving.Metrics;
using FluxOnnx.Serving.Pipeline;
using FluxOnnx.Serving.Queueing;

namespace FluxOnnx.Serving;

/// <summary>
/// Serves FLUX packages to many callers: each package is opened once and kept warm, each model has one bounded queue
/// and one worker thread, compatible text-to-image jobs share a transformer batch, and every job can be followed and
/// cancelled. Host it in any .NET app; <c>FluxOnnx.Server</c> puts the OpenAI images API in front of it.
/// </summary>
/// <example>
/// <code>
/// using var service = new FluxImageService([new ServedPackage("packages/flux1-schnell")]);
/// await service.LoadAsync();
/// var job = service.Submit(new ImageJobRequest { Prompt = "a lighthouse at dawn", Seed = 42 });
/// var result = await job.Completion;           // result.Images[0].Bytes is a PNG
/// </code>
/// </example>
public sealed class FluxImageService : IDisposable
{
    private readonly IReadOnlyList<ServedPackage> _packages;
    private readonly Dictionary<string, ModelWorker> _workers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ImageJob> _retained = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private volatile string _state = "loading";

    /// <exception cref="Errors.InvalidServiceOptionsException">No package, two with the same model name, or two LoRAs with the same name.</exception>
    public FluxImageService(IEnumerable<ServedPackage> packages, FluxImageServiceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(packages);
        _packages = packages.ToArray();
        Options = options ?? new FluxImageServiceOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.QueueCapacity, 0, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.MaxBatchImages, 1, nameof(options));
        var twice = Options.Loras.GroupBy(l => l.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            throw new Errors.InvalidServiceOptionsException(nameof(FluxImageServiceOptions.Loras), $"two LoRAs are registered as '{twice.Key}'", twice.Key);
        }
        if (_packages.Count == 0)
        {
            throw new Errors.InvalidServiceOptionsException(nameof(packages), "serve at least one package");
        }
        var duplicate = _packages.GroupBy(p => p.ModelName, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new Errors.InvalidServiceOptionsException(nameof(packages), $"two packages are named '{duplicate.Key}'; give each its own name", duplicate.Key);
        }
        Metrics = new ServingMetrics(Depths);
    }

    public FluxImageServiceOptions Options { get; }

    /// <summary>The service's instruments (meter <see cref="ServingMetrics.MeterName"/>).</summary>
    public ServingMetrics Metrics { get; }

    /// <summary>Whether every package is loaded and jobs are accepted.</summary>
    public bool IsReady => _state == "ready";

    /// <summary><c>loading</c>, <c>ready</c>, <c>failed to load</c> or <c>stopped</c>.</summary>
    public string State => _state;

    /// <summary>The loaded models, in the order given.</summary>
    public IReadOnlyList<ServedModel> Models
    {
        get
        {
            lock (_gate)
            {
                return _packages.Select(p => _workers.GetValueOrDefault(p.ModelName)?.Model).OfType<ServedModel>().ToArray();
            }
        }
    }

    /// <summary>Opens every package (off the calling thread) and starts its worker; then <see cref="IsReady"/>.</summary>
    /// <exception cref="Packaging.PackageException">A package is missing or malformed (the service stays not ready).</exception>
    public Task LoadAsync(CancellationToken cancellationToken = default) => Task.Run(() =>
    {
        try
        {
            foreach (var package in _packages)
            {
                var generator = PipelineGenerator.Open(package, Options.Pipeline, Options.Loras, Options.LoraFit, cancellationToken);
                lock (_gate)
                {
                    if (_state == "stopped")
                    {
                        generator.Dispose();
                        return;
                    }
                    _workers[package.ModelName] = new ModelWorker(generator, Options, Metrics);
                }
            }
            _state = "ready";
        }
        catch
        {
            _state = "failed to load";
            throw;
        }
    }, cancellationToken);

    /// <summary>
    /// Checks <paramref name="request"/> (limits, variant rules, image decoding) and queues it. With
    /// <paramref name="retain"/> the job stays findable by <see cref="FindJob"/> after it finishes, for
    /// <see cref="FluxImageServiceOptions.JobRetention"/>; otherwise only the returned object refers to it.
    /// </summary>
    /// <exception cref="ServiceNotReadyException">Not loaded yet, or stopped.</exception>
    /// <exception cref="ModelNotFoundException">No such model.</exception>
    /// <exception cref="InvalidImageRequestException">A field breaks a limit or the model's rules.</exception>
    /// <exception cref="QueueFullException">The model's queue is full; nothing was queued.</exception>
    public ImageJob Submit(ImageJobRequest request, bool retain = false)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!IsReady)
        {
            throw new ServiceNotReadyException(_state);
        }
        var worker = WorkerFor(request.Model);
        var prepared = RequestValidator.Prepare(request, worker.Model, Options.Limits, worker.Loras, Options.LoraFit);
        var job = new ImageJob("img_" + Guid.NewGuid().ToString("N"), prepared, worker, DateTimeOffset.UtcNow);
        worker.Enqueue(job);
        if (retain)
        {
            Prune();
            _retained[job.Id] = job;
        }
        return job;
    }

    /// <exception cref="JobNotFoundException">No retained job has this id.</exception>
    public ImageJob FindJob(string id) =>
        _retained.TryGetValue(id, out var job) ? job : throw new JobNotFoundException(id);

    /// <summary>Jobs waiting in <paramref name="model"/>'s queue.</summary>
    /// <exception cref="ModelNotFoundException">No such model.</exception>
    public int QueueDepth(string model) => WorkerFor(model).Queued;

    private ModelWorker WorkerFor(string? model)
    {
        lock (_gate)
        {
            if (model is null)
            {
                if (_workers.Count == 1)
                {
                    return _workers.Values.Single();
                }
                throw new InvalidImageRequestException("model", "missing_model", "a model name (this server serves several)", "none");
            }
            return _workers.TryGetValue(model, out var worker)
                ? worker
                : throw new ModelNotFoundException(model, _packages.Select(p => p.ModelName).ToArray());
        }
    }

    private IEnumerable<(string Model, int Queued, int Running)> Depths()
    {
        ModelWorker[] workers;
        lock (_gate)
        {
            workers = [.. _workers.Values];
        }
        return workers.Select(w => (w.Model.Name, w.Queued, w.Running)).ToArray();
    }

    /// <summary>Forgets finished jobs past their retention, and the oldest finished ones beyond the cap.</summary>
    private void Prune()
    {
        var now = DateTimeOffset.UtcNow;
        var finished = _retained.Values.Where(j => j.Finished is not null).OrderBy(j => j.Finished).ToList();
        var excess = _retained.Count + 1 - Options.MaxRetainedJobs;
        foreach (var job in finished)
        {
            if (excess > 0 || now - job.Finished!.Value > Options.JobRetention)
            {
                _retained.TryRemove(job.Id, out _);
                excess--;
            }
        }
    }

    /// <summary>Stops every worker: waiting jobs are cancelled, running batches stop at their next step; releases the sessions.</summary>
    public void Dispose()
    {
        ModelWorker[] workers;
        lock (_gate)
        {
            if (_state == "stopped")
            {
                return;
            }
            _state = "stopped";
            workers = [.. _workers.Values];
        }
        foreach (var worker in workers)
        {
            worker.Dispose();
        }
        Metrics.Dispose();
    }
}
