using System.Text.Json.Serialization;
using FluxOnnx.Serving.Jobs;

namespace FluxOnnx.Server.Wire;

/// <summary>
/// The OpenAI images response: <c>created</c> (Unix seconds), <c>data[].b64_json</c> (no <c>revised_prompt</c>), the
/// <c>output_format</c> and <c>size</c>; FluxOnnx adds each image's <c>seed</c> and a <c>timings</c> object in place of
/// OpenAI's token <c>usage</c>.
/// </summary>
internal sealed record ImagesResponse(
    [property: JsonPropertyName("created")] long Created,
    [property: JsonPropertyName("data")] IReadOnlyList<ImageData> Data,
    [property: JsonPropertyName("output_format")] string OutputFormat,
    [property: JsonPropertyName("size")] string Size,
    [property: JsonPropertyName("timings")] Timings Timings)
{
    public static ImagesResponse From(ImageJobResult result, DateTimeOffset created)
    {
        var first = result.Images[0];
        return new ImagesResponse(created.ToUnixTimeSeconds(),
            result.Images.Select(i => new ImageData(Convert.ToBase64String(i.Bytes), i.Seed)).ToArray(),
            FieldFormats.Name(first.Format), $"{first.Width}x{first.Height}",
            new Timings(result.QueueTime.TotalSeconds, result.GenerationTime.TotalSeconds, result.TotalTime.TotalSeconds, result.Steps, result.BatchImages));
    }
}

internal sealed record ImageData(
    [property: JsonPropertyName("b64_json")] string B64Json,
    [property: JsonPropertyName("seed")] ulong Seed);

/// <param name="QueueSeconds">Submit to the start of the job's batch.</param>
/// <param name="GenerationSeconds">The batch's run.</param>
/// <param name="TotalSeconds">Their sum.</param>
/// <param name="Steps">Denoising steps.</param>
/// <param name="BatchImages">Images in the transformer batch the job shared.</param>
internal sealed record Timings(
    [property: JsonPropertyName("queue_seconds")] double QueueSeconds,
    [property: JsonPropertyName("generation_seconds")] double GenerationSeconds,
    [property: JsonPropertyName("total_seconds")] double TotalSeconds,
    [property: JsonPropertyName("steps")] int Steps,
    [property: JsonPropertyName("batch_images")] int BatchImages);
