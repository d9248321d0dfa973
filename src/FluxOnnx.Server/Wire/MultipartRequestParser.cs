using System.Globalization;
using FluxOnnx.Serving;
using FluxOnnx.Serving.Errors;
using FluxOnnx.Serving.Jobs;
using Microsoft.AspNetCore.Http;

namespace FluxOnnx.Server.Wire;

/// <summary>
/// Reads a <c>POST /v1/images/edits</c> multipart form: files <c>image</c> (or <c>image[]</c>, one image), <c>mask</c>
/// and <c>control</c>, and the text fields of the JSON body plus <c>strength</c>. A file larger than
/// <see cref="ServingLimits.MaxUploadBytes"/> is refused from its declared length, before it is buffered.
/// </summary>
internal static class MultipartRequestParser
{
    public static async Task<ImageJobRequest> ParseAsync(HttpRequest request, ServingLimits limits, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            throw new InvalidImageRequestException("body", "invalid_content_type", "multipart/form-data", request.ContentType ?? "no content type");
        }
        var form = await request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        foreach (var field in (string[])["image", "image[]", "mask", "control"])
        {
            // A text value here (e.g. a path or URL) is never followed: images arrive as file parts only.
            if (form.ContainsKey(field))
            {
                throw new InvalidImageRequestException(field, "invalid_type", "a file part (the image's bytes)", "a text field");
            }
        }
        FieldFormats.ResponseFormat(Text(form, "response_format"));
        var (width, height) = FieldFormats.Size(Text(form, "size"));
        var images = form.Files.GetFiles("image").Concat(form.Files.GetFiles("image[]")).ToArray();
        if (images.Length > 1)
        {
            throw new InvalidImageRequestException("image", "too_many_images", "one image", $"{images.Length} images");
        }
        return new ImageJobRequest
        {
            Model = Text(form, "model"),
            Prompt = Text(form, "prompt") ?? throw new InvalidImageRequestException("prompt", "missing_prompt", "a prompt", "none"),
            N = Int(form, "n") ?? 1,
            Width = width,
            Height = height,
            Steps = Int(form, "steps"),
            Guidance = Number(form, "guidance") is { } g ? (float)g : null,
            Seed = Seed(form),
            Strength = Number(form, "strength"),
            OutputFormat = FieldFormats.OutputFormat(Text(form, "output_format")),
            Quality = Int(form, "output_compression"),
            Preview = Text(form, "preview") is "true",
            Loras = LoraField.Parse(Text(form, "lora")),
            Image = await ReadAsync(images.FirstOrDefault(), "image", limits, cancellationToken).ConfigureAwait(false),
            Mask = await ReadAsync(form.Files.GetFile("mask"), "mask", limits, cancellationToken).ConfigureAwait(false),
            Control = await ReadAsync(form.Files.GetFile("control"), "control", limits, cancellationToken).ConfigureAwait(false),
        };
    }

    private static async Task<ReadOnlyMemory<byte>?> ReadAsync(IFormFile? file, string field, ServingLimits limits, CancellationToken cancellationToken)
    {
        if (file is null)
        {
            return null;
        }
        if (file.Length > limits.MaxUploadBytes)
        {
            throw new InvalidImageRequestException(field, "upload_too_large", $"at most {limits.MaxUploadBytes.ToString(CultureInfo.InvariantCulture)} bytes",
                $"{file.Length.ToString(CultureInfo.InvariantCulture)} bytes");
        }
        var buffer = new byte[file.Length];
        await using var stream = file.OpenReadStream();
        await stream.ReadExactlyAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer;
    }

    private static string? Text(IFormCollection form, string name) => form.TryGetValue(name, out var v) && v.Count > 0 ? v[0] : null;

    private static int? Int(IFormCollection form, string name) => Text(form, name) switch
    {
        null => null,
        var t when int.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) => i,
        var t => throw new InvalidImageRequestException(name, "invalid_type", "an integer", FieldFormats.Quote(t)),
    };

    private static double? Number(IFormCollection form, string name) => Text(form, name) switch
    {
        null => null,
        var t when double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        var t => throw new InvalidImageRequestException(name, "invalid_type", "a number", FieldFormats.Quote(t)),
    };

    private static ulong? Seed(IFormCollection form) => Text(form, "seed") switch
    {
        null => null,
        var t when ulong.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var s) => s,
        var t => throw new InvalidImageRequestException("seed", "invalid_seed", "an integer from 0 to 18446744073709551615", FieldFormats.Quote(t)),
    };
}
