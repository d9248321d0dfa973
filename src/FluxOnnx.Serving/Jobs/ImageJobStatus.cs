namespace FluxOnnx.Serving.Jobs;

/// <summary>Where an <see cref="ImageJob"/> is; the last three are final.</summary>
public enum ImageJobStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
}
