using System.Runtime.CompilerServices;
using System.Threading.Channels;
using FluxOnnx.Serving.Queueing;

namespace FluxOnnx.Serving.Jobs;

/// <summary>
/// One submitted request: its status, progress and result. Thread-safe; the service's worker drives it. Await
/// <see cref="Completion"/> for the result (it faults with the typed error, or is cancelled), follow
/// <see cref="Events"/> for progress, and <see cref="Cancel"/> it: a queued job leaves the queue at once, a running one
/// stops at the next denoising step (its batch goes on for the other jobs in it).
/// </summary>
public sealed class ImageJob
{
    private readonly object _gate = new();
    private readonly TaskCompletionSource<ImageJobResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<Channel<ImageJobEvent>> _subscribers = [];
    private readonly ModelWorker _worker;
    private ImageJobEvent _last;

    internal ImageJob(string id, PreparedRequest request, ModelWorker worker, DateTimeOffset created)
    {
        Id = id;
        Request = request;
        _worker = worker;
        Created = created;
        _last = new ImageJobEvent(ImageJobEventKind.Queued, ImageJobStatus.Queued, 0, 0);
    }

    public string Id { get; }

    /// <summary>The model that runs it.</summary>
    public string Model => Request.Model;

    /// <summary>Number of images asked for.</summary>
    public int ImageCount => Request.Seeds.Length;

    public DateTimeOffset Created { get; }

    /// <summary>When it reached a final status; null before.</summary>
    public DateTimeOffset? Finished { get; private set; }

    public ImageJobStatus Status { get { lock (_gate) { return _last.Status; } } }

    /// <summary>Steps done so far.</summary>
    public int Step { get { lock (_gate) { return _last.Step; } } }

    /// <summary>Steps of the run; 0 while queued.</summary>
    public int TotalSteps { get { lock (_gate) { return _last.TotalSteps; } } }

    /// <summary>Jobs ahead of this one in its model's queue; null unless queued.</summary>
    public int? QueuePosition => Status == ImageJobStatus.Queued ? _worker.PositionOf(this) : null;

    /// <summary>The result once succeeded; else null.</summary>
    public ImageJobResult? Result { get; private set; }

    /// <summary>The error once failed; else null.</summary>
    public Exception? Error { get; private set; }

    /// <summary>Why it was cancelled, once cancelled; else null.</summary>
    public CancellationReason? CancelledBecause { get; private set; }

    /// <summary>Completes with the result, faults with the job's error, or is cancelled.</summary>
    public Task<ImageJobResult> Completion => _completion.Task;

    internal PreparedRequest Request { get; }

    /// <summary>Set once cancellation was asked while the job runs; the worker ends it at the next step.</summary>
    internal CancellationReason? PendingCancel { get; private set; }

    internal bool IsFinal { get { lock (_gate) { return _last.IsFinal; } } }

    /// <summary>
    /// Cancels the job: a queued one is removed and cancelled now; a running one is cancelled at the next step.
    /// Returns false when it had already finished (or was already being cancelled).
    /// </summary>
    public bool Cancel(CancellationReason reason = CancellationReason.Client)
    {
        lock (_gate)
        {
            if (_last.IsFinal || PendingCancel is not null)
            {
                return false;
            }
            PendingCancel = reason;
        }
        _worker.OnCancelRequested(this);
        return true;
    }

    /// <summary>
    /// The job's events from now on, starting with one describing its current state (so a late subscriber sees where
    /// it is), ending after the final event. Ending the enumeration early is fine.
    /// </summary>
    public async IAsyncEnumerable<ImageJobEvent> Events([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateUnbounded<ImageJobEvent>(new UnboundedChannelOptions { SingleReader = true });
        var position = _worker.PositionOf(this); // outside the job's lock (lock order: worker, then job)
        lock (_gate)
        {
            var first = _last.Kind == ImageJobEventKind.Queued ? _last with { QueuePosition = position } : _last with { PreviewPng = null };
            channel.Writer.TryWrite(first);
            if (_last.IsFinal)
            {
                channel.Writer.TryComplete();
            }
            else
            {
                _subscribers.Add(channel);
            }
        }
        try
        {
            await foreach (var e in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return e;
            }
        }
        finally
        {
            lock (_gate)
            {
                _subscribers.Remove(channel);
            }
        }
    }

    internal void MarkRunning(int totalSteps) => Publish(new ImageJobEvent(ImageJobEventKind.Started, ImageJobStatus.Running, 0, totalSteps));

    internal void MarkStep(int step, int totalSteps, byte[]? preview) =>
        Publish(new ImageJobEvent(ImageJobEventKind.Progress, ImageJobStatus.Running, step, totalSteps, PreviewPng: preview));

    internal void Succeed(ImageJobResult result)
    {
        lock (_gate)
        {
            Result = result;
        }
        if (Publish(new ImageJobEvent(ImageJobEventKind.Succeeded, ImageJobStatus.Succeeded, result.Steps, result.Steps)))
        {
            _completion.TrySetResult(result);
        }
    }

    internal void Fail(Exception error)
    {
        lock (_gate)
        {
            Error = error;
        }
        if (Publish(new ImageJobEvent(ImageJobEventKind.Failed, ImageJobStatus.Failed, Step, TotalSteps, Error: error)))
        {
            _completion.TrySetException(error);
        }
    }

    /// <summary>Final cancellation; false when the job had finished already.</summary>
    internal bool MarkCancelled(CancellationReason reason)
    {
        lock (_gate)
        {
            if (_last.IsFinal)
            {
                return false;
            }
            CancelledBecause = reason;
        }
        if (!Publish(new ImageJobEvent(ImageJobEventKind.Cancelled, ImageJobStatus.Cancelled, Step, TotalSteps)))
        {
            return false;
        }
        _completion.TrySetCanceled();
        return true;
    }

    /// <summary>Records and fans out an event; false (and nothing done) once the job is final.</summary>
    private bool Publish(ImageJobEvent e)
    {
        lock (_gate)
        {
            if (_last.IsFinal)
            {
                return false;
            }
            _last = e;
            if (e.IsFinal)
            {
                Finished = DateTimeOffset.UtcNow;
            }
            foreach (var subscriber in _subscribers)
            {
                subscriber.Writer.TryWrite(e);
                if (e.IsFinal)
                {
                    subscriber.Writer.TryComplete();
                }
            }
            return true;
        }
    }
}
