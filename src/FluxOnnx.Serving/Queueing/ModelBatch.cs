using FluxOnnx.Serving.Jobs;
using FluxOnnx.Serving.Metrics;

namespace FluxOnnx.Serving.Queueing;

/// <summary>
/// Jobs running together in one pipeline call, and the token that stops it. A job cancelled while its batch runs is
/// ended at the next step; the call itself is cancelled only once every job in it is.
/// </summary>
internal sealed class ModelBatch : IDisposable
{
    private readonly ServingMetrics _metrics;
    private readonly Dictionary<ImageJob, byte[]> _previews = [];
    private readonly CancellationTokenSource _cancel;

    public ModelBatch(IReadOnlyList<ImageJob> jobs, ServingMetrics metrics, CancellationToken stopping)
    {
        Jobs = jobs;
        _metrics = metrics;
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(stopping);
    }

    public IReadOnlyList<ImageJob> Jobs { get; }

    public CancellationToken Token => _cancel.Token;

    public int Images => Jobs.Sum(j => j.ImageCount);

    /// <summary>A job asked to stop: when none is left that wants its images, stop the call.</summary>
    public void OnCancelRequested()
    {
        if (Jobs.All(j => j.PendingCancel is not null || j.IsFinal))
        {
            _cancel.Cancel();
        }
    }

    public void SetPreview(ImageJob job, byte[] png)
    {
        lock (_previews)
        {
            _previews[job] = png;
        }
    }

    /// <summary>A denoising step finished: ends jobs that asked to stop, reports progress to the others.</summary>
    public void OnStep(int step, int totalSteps, TimeSpan duration)
    {
        var model = Jobs[0].Model;
        _metrics.Step(model, duration);
        foreach (var job in Jobs)
        {
            if (job.PendingCancel is { } reason)
            {
                if (job.MarkCancelled(reason))
                {
                    _metrics.Cancelled(model, reason);
                    _metrics.JobFinished(model, ImageJobStatus.Cancelled);
                }
                continue;
            }
            byte[]? preview;
            lock (_previews)
            {
                _previews.Remove(job, out preview);
            }
            job.MarkStep(step, totalSteps, preview);
        }
    }

    public void Dispose() => _cancel.Dispose();
}
