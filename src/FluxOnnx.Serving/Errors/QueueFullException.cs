namespace FluxOnnx.Serving.Errors;

/// <summary>
/// The model's queue holds <see cref="Capacity"/> waiting jobs already (code <c>queue_full</c>); nothing was queued.
/// <see cref="RetryAfter"/> is the service's estimate of when a slot frees up (at least one second).
/// </summary>
public sealed class QueueFullException : ServingException
{
    public QueueFullException(string model, int capacity, TimeSpan retryAfter)
        : base("queue_full", $"the queue of model '{model}' is full ({capacity} waiting); retry after {Math.Ceiling(retryAfter.TotalSeconds):0} s.")
    {
        Model = model;
        Capacity = capacity;
        RetryAfter = retryAfter;
    }

    public string Model { get; }

    public int Capacity { get; }

    public TimeSpan RetryAfter { get; }
}
