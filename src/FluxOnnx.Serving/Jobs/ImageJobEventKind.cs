namespace FluxOnnx.Serving.Jobs;

/// <summary>What an <see cref="ImageJobEvent"/> reports.</summary>
public enum ImageJobEventKind
{
    /// <summary>The job waits in its model's queue (first event of a subscription to a queued job).</summary>
    Queued,

    /// <summary>The job's batch started.</summary>
    Started,

    /// <summary>A denoising step finished.</summary>
    Progress,

    Succeeded,
    Failed,
    Cancelled,
}
