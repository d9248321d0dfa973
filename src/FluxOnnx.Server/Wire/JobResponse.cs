using System.Text.Json.Serialization;
using FluxOnnx.Serving.Jobs;

namespace FluxOnnx.Server.Wire;

/// <summary>A job as <c>/v1/jobs</c> shows it; <c>result</c> once succeeded, <c>error</c> once failed.</summary>
internal sealed record JobResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("object")] string Object,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("created")] long Created,
    [property: JsonPropertyName("queue_position")] int? QueuePosition,
    [property: JsonPropertyName("progress")] JobProgress Progress,
    [property: JsonPropertyName("result")] ImagesResponse? Result,
    [property: JsonPropertyName("error")] ErrorDetail? Error)
{
    public static JobResponse From(ImageJob job, bool withResult = true) => new(
        job.Id, "image.job", job.Model, StatusName(job.Status), job.Created.ToUnixTimeSeconds(), job.QueuePosition,
        new JobProgress(job.Step, job.TotalSteps),
        withResult && job.Result is { } r ? ImagesResponse.From(r, job.Finished ?? job.Created) : null,
        job.Error is { } e ? ApiError.From(e).Detail : null);

    public static string StatusName(ImageJobStatus status) => status.ToString().ToLowerInvariant();
}

internal sealed record JobProgress(
    [property: JsonPropertyName("step")] int Step,
    [property: JsonPropertyName("total_steps")] int TotalSteps);
