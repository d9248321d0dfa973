namespace FluxOnnx.Serving.Jobs;

/// <summary>One event of an <see cref="ImageJob"/>'s life, as <see cref="ImageJob.Events"/> yields them.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Status">The job's status after it.</param>
/// <param name="Step">Steps done (0 before the first).</param>
/// <param name="TotalSteps">Steps of the job (0 while queued).</param>
/// <param name="QueuePosition">Jobs ahead in the queue, for <see cref="ImageJobEventKind.Queued"/>; else null.</param>
/// <param name="PreviewPng">With <see cref="ImageJobRequest.Preview"/>, on <see cref="ImageJobEventKind.Progress"/>:
/// a PNG at 1/16 of the image's size showing latent channels 0–2 in false colour (a rough view of the composition, not
/// a decode). Else null.</param>
/// <param name="Error">For <see cref="ImageJobEventKind.Failed"/>, the error.</param>
public sealed record ImageJobEvent(
    ImageJobEventKind Kind,
    ImageJobStatus Status,
    int Step,
    int TotalSteps,
    int? QueuePosition = null,
    byte[]? PreviewPng = null,
    Exception? Error = null)
{
    /// <summary>Whether this is the job's last event.</summary>
    public bool IsFinal => Kind is ImageJobEventKind.Succeeded or ImageJobEventKind.Failed or ImageJobEventKind.Cancelled;
}
