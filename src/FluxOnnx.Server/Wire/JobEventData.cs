using System.Text.Json.Serialization;
using FluxOnnx.Serving.Jobs;

namespace FluxOnnx.Server.Wire;

/// <summary>The <c>data:</c> of one Server-Sent Event of <c>/v1/jobs/{id}/events</c>; the event name is the kind.</summary>
internal sealed record JobEventData(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("step")] int Step,
    [property: JsonPropertyName("total_steps")] int TotalSteps,
    [property: JsonPropertyName("queue_position")] int? QueuePosition,
    [property: JsonPropertyName("preview_png_b64")] string? PreviewPngBase64,
    [property: JsonPropertyName("error")] ErrorDetail? Error)
{
    public static JobEventData From(string jobId, ImageJobEvent e) => new(jobId, JobResponse.StatusName(e.Status), e.Step, e.TotalSteps,
        e.QueuePosition, e.PreviewPng is { } png ? Convert.ToBase64String(png) : null, e.Error is { } error ? ApiError.From(error).Detail : null);

    public static string EventName(ImageJobEventKind kind) => kind.ToString().ToLowerInvariant();
}
