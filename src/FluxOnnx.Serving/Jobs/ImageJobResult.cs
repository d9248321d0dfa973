namespace FluxOnnx.Serving.Jobs;

/// <summary>A finished job's images and timings.</summary>
/// <param name="Images">One per requested image, in seed order.</param>
/// <param name="QueueTime">From submit to the start of its batch.</param>
/// <param name="GenerationTime">The batch's run (text encoding to encoded images).</param>
/// <param name="BatchImages">Images in the transformer batch this job ran in (its own and others').</param>
/// <param name="Steps">Denoising steps run.</param>
public sealed record ImageJobResult(
    IReadOnlyList<ServedImage> Images,
    TimeSpan QueueTime,
    TimeSpan GenerationTime,
    int BatchImages,
    int Steps)
{
    public TimeSpan TotalTime => QueueTime + GenerationTime;
}
