using FluxOnnx.Pipeline;

namespace FluxOnnx.Serving;

/// <summary>How <see cref="FluxImageService"/> loads, queues and batches.</summary>
public sealed record FluxImageServiceOptions
{
    /// <summary>Waiting jobs per model (the running batch not counted); a submit beyond it is refused with
    /// <see cref="Errors.QueueFullException"/>.</summary>
    public int QueueCapacity { get; init; } = 8;

    /// <summary>
    /// Most images one transformer batch may hold. Queued text-to-image jobs of the same model, size, steps and
    /// guidance are run together up to this many images; 1 disables batching. Image-conditioned jobs run alone.
    /// </summary>
    public int MaxBatchImages { get; init; } = 4;

    /// <summary>Per-request limits.</summary>
    public ServingLimits Limits { get; init; } = new();

    /// <summary>How each package is opened (provider, threads, low-memory mode, hash verification).</summary>
    public PipelineOptions Pipeline { get; init; } = new();

    /// <summary>How long a finished job stays retrievable by id.</summary>
    public TimeSpan JobRetention { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Most finished jobs kept for retrieval; the oldest go first.</summary>
    public int MaxRetainedJobs { get; init; } = 1000;

    /// <summary>LoRAs requests may select by name (<see cref="Jobs.ImageJobRequest.Loras"/>), bound to the run-time
    /// slots of packages converted with them; names must be unique.</summary>
    public IReadOnlyList<ServedLora> Loras { get; init; } = [];

    /// <summary>When a request's LoRAs need more rank than a model's slots hold: refuse it (default) or fold them by truncated SVD.</summary>
    public Lora.LoraFitMode LoraFit { get; init; }
}
