using System.Globalization;
using FluxOnnx.Imaging;
using FluxOnnx.Serving.Errors;

namespace FluxOnnx.Server.Wire;

/// <summary>The text formats of the images API's scalar fields, shared by the JSON and multipart parsers.</summary>
internal static class FieldFormats
{
    /// <summary><c>size</c>: "WIDTHxHEIGHT" or "auto" / absent (the model's default, or the input image's size).</summary>
    public static (int? Width, int? Height) Size(string? text)
    {
        if (text is null || text == "auto")
        {
            return (null, null);
        }
        var parts = text.Split('x');
        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var w)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var h))
        {
            return (w, h);
        }
        throw new InvalidImageRequestException("size", "invalid_size", "\"WIDTHxHEIGHT\" (e.g. \"1024x768\") or \"auto\"", Quote(text));
    }

    /// <summary><c>response_format</c>: only <c>b64_json</c> (the default); this server hosts no image URLs.</summary>
    public static void ResponseFormat(string? text)
    {
        if (text is not null && text != "b64_json")
        {
            throw new InvalidImageRequestException("response_format", "unsupported_response_format", "\"b64_json\" (this server returns no URLs)", Quote(text));
        }
    }

    /// <summary><c>output_format</c>: png (default), jpeg or webp.</summary>
    public static ImageFileFormat OutputFormat(string? text) => text switch
    {
        null or "png" => ImageFileFormat.Png,
        "jpeg" or "jpg" => ImageFileFormat.Jpeg,
        "webp" => ImageFileFormat.Webp,
        _ => throw new InvalidImageRequestException("output_format", "invalid_output_format", "\"png\", \"jpeg\" or \"webp\"", Quote(text)),
    };

    public static string Name(ImageFileFormat format) => format switch
    {
        ImageFileFormat.Png => "png",
        ImageFileFormat.Jpeg => "jpeg",
        _ => "webp",
    };

    public static string Quote(string text) => "\"" + (text.Length > 64 ? text[..64] + "…" : text) + "\"";
}
