namespace FluxOnnx.Serving.Errors;

/// <summary>No retained job has this id (code <c>job_not_found</c>): never submitted, or finished and forgotten.</summary>
public sealed class JobNotFoundException : ServingException
{
    public JobNotFoundException(string jobId)
        : base("job_not_found", $"no job '{jobId}'.")
    {
        JobId = jobId;
    }

    public string JobId { get; }
}
