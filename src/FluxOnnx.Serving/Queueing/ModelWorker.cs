using System.Diagnostics;
using FluxOnnx.Serving.Errors;
using FluxOnnx.Serving.Jobs;
using FluxOnnx.Serving.Metrics;
using FluxOnnx.Serving.Pipeline;

namespace FluxOnnx.Serving.Queueing;

/// <summary>
/// One model's bounded FIFO queue and the thread that runs it. The worker takes the oldest job and, when it is a
/// text-to-image job, every other queued job with the same <see cref="BatchKey"/> while the batch stays within
/// <see cref="FluxImageServiceOptions.MaxBatchImages"/>; image-conditioned jobs run alone. Lock order: worker, then
/// job (a job never calls into the worker while holding its own lock).
/// </summary>
internal sealed class ModelWorker : IDisposable
{
    private readonly object _gate = new();
    private readonly LinkedList<ImageJob> _waiting = new();
    private readonly PipelineGenerator _generator;
    private readonly FluxImageServiceOptions _options;
    private readonly ServingMetrics _metrics;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Thread _thread;
    private ModelBatch? _running;
    private bool _stopped;
    private double _batchSeconds = 1; // moving average of a batch's run, for Retry-After

    public ModelWorker(PipelineGenerator generator, FluxImageServiceOptions options, ServingMetrics metrics)
    {
        _generator = generator;
        _options = options;
        _metrics = metrics;
        _thread = new Thread(Loop) { IsBackground = true, Name = "flux-serve " + generator.Model.Name };
        _thread.Start();
    }

    public ServedModel Model => _generator.Model;

    public ModelLoras Loras => _generator.Loras;

    public int Queued { get { lock (_gate) { return _waiting.Count; } } }

    public int Running { get { lock (_gate) { return _running?.Jobs.Count ?? 0; } } }

    /// <exception cref="QueueFullException">The queue holds <see cref="FluxImageServiceOptions.QueueCapacity"/> jobs.</exception>
    public void Enqueue(ImageJob job)
    {
        lock (_gate)
        {
            if (_stopped)
            {
                throw new ServiceNotReadyException("stopped");
            }
            if (_waiting.Count >= _options.QueueCapacity)
            {
                _metrics.JobRejected(Model.Name);
                var batches = 1 + _waiting.Count / Math.Max(1, _options.MaxBatchImages);
                throw new QueueFullException(Model.Name, _options.QueueCapacity, TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(_batchSeconds * batches))));
            }
            _waiting.AddLast(job);
            Monitor.Pulse(_gate);
        }
    }

    /// <summary>Jobs ahead of <paramref name="job"/>; null when it is not waiting.</summary>
    public int? PositionOf(ImageJob job)
    {
        lock (_gate)
        {
            var i = 0;
            for (var node = _waiting.First; node is not null; node = node.Next, i++)
            {
                if (node.Value == job)
                {
                    return i;
                }
            }
            return null;
        }
    }

    public void OnCancelRequested(ImageJob job)
    {
        bool removed;
        lock (_gate)
        {
            removed = _waiting.Remove(job);
            if (!removed && _running is { } batch && batch.Jobs.Contains(job))
            {
                batch.OnCancelRequested();
            }
        }
        if (removed && job.MarkCancelled(job.PendingCancel!.Value))
        {
            _metrics.Cancelled(Model.Name, job.PendingCancel!.Value);
            _metrics.JobFinished(Model.Name, ImageJobStatus.Cancelled);
        }
    }

    private void Loop()
    {
        while (true)
        {
            ModelBatch batch;
            lock (_gate)
            {
                while (_waiting.Count == 0 && !_stopped)
                {
                    Monitor.Wait(_gate);
                }
                if (_stopped)
                {
                    return;
                }
                batch = new ModelBatch(TakeBatch(), _metrics, _stopping.Token);
                _running = batch;
            }
            var clock = Stopwatch.StartNew();
            Run(batch);
            _batchSeconds = 0.8 * _batchSeconds + 0.2 * clock.Elapsed.TotalSeconds;
            lock (_gate)
            {
                _running = null;
            }
            batch.Dispose();
        }
    }

    private List<ImageJob> TakeBatch()
    {
        var head = _waiting.First!.Value;
        _waiting.RemoveFirst();
        var jobs = new List<ImageJob> { head };
        if (head.Request.Key is not { } key)
        {
            return jobs;
        }
        var images = head.ImageCount;
        for (var node = _waiting.First; node is not null && images < _options.MaxBatchImages;)
        {
            var next = node.Next;
            if (node.Value.Request.Key == key && images + node.Value.ImageCount <= _options.MaxBatchImages)
            {
                jobs.Add(node.Value);
                images += node.Value.ImageCount;
                _waiting.Remove(node);
            }
            node = next;
        }
        return jobs;
    }

    private void Run(ModelBatch batch)
    {
        var model = Model.Name;
        var started = DateTimeOffset.UtcNow;
        foreach (var job in batch.Jobs)
        {
            job.MarkRunning(job.Request.Steps);
        }
        _metrics.Batch(model, batch.Images);
        var clock = Stopwatch.StartNew();
        try
        {
            var images = _generator.Run(batch, batch.Token);
            var generation = clock.Elapsed;
            for (var j = 0; j < batch.Jobs.Count; j++)
            {
                var job = batch.Jobs[j];
                if (job.PendingCancel is { } reason)
                {
                    Cancelled(job, reason);
                    continue;
                }
                var result = new ImageJobResult(images[j], started - job.Created, generation, batch.Images, job.Request.Steps);
                // Counted before the result is released, so a client that reads /metrics after its response sees it.
                _metrics.ImagesGenerated(model, images[j].Length);
                _metrics.JobDuration(model, result.TotalTime);
                _metrics.JobFinished(model, ImageJobStatus.Succeeded);
                job.Succeed(result);
            }
        }
        catch (OperationCanceledException)
        {
            foreach (var job in batch.Jobs)
            {
                Cancelled(job, job.PendingCancel ?? CancellationReason.Shutdown);
            }
        }
        catch (InvalidImageRequestException) when (batch.Jobs.Count > 1)
        {
            // A rule only the pipeline checks failed for one member: run each alone so the others still succeed.
            foreach (var job in batch.Jobs)
            {
                using var alone = new ModelBatch([job], _metrics, _stopping.Token);
                lock (_gate)
                {
                    _running = alone;
                }
                Run(alone);
            }
        }
        catch (Exception e)
        {
            foreach (var job in batch.Jobs)
            {
                job.Fail(e);
                _metrics.JobFinished(model, ImageJobStatus.Failed);
            }
        }
    }

    private void Cancelled(ImageJob job, CancellationReason reason)
    {
        if (job.MarkCancelled(reason))
        {
            _metrics.Cancelled(Model.Name, reason);
            _metrics.JobFinished(Model.Name, ImageJobStatus.Cancelled);
        }
    }

    /// <summary>Stops the thread (a running batch is cancelled at its next step) and cancels every waiting job.</summary>
    public void Dispose()
    {
        ImageJob[] waiting;
        lock (_gate)
        {
            _stopped = true;
            waiting = [.. _waiting];
            _waiting.Clear();
            Monitor.PulseAll(_gate);
        }
        _stopping.Cancel();
        _thread.Join();
        foreach (var job in waiting)
        {
            Cancelled(job, CancellationReason.Shutdown);
        }
        _generator.Dispose();
        _stopping.Dispose();
    }
}
