namespace FluxOnnx.Serving.Jobs;

/// <summary>Why a job was cancelled; a metrics label (<c>reason</c>).</summary>
public enum CancellationReason
{
    /// <summary>The client asked (e.g. <c>DELETE /v1/jobs/{id}</c>).</summary>
    Client,

    /// <summary>The client that waited for the result went away.</summary>
    Disconnect,

    /// <summary>The service is shutting down.</summary>
    Shutdown,
}
