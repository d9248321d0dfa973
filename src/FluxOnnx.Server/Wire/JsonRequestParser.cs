using System.Text.Json;
using FluxOnnx.Serving.Errors;
using FluxOnnx.Serving.Jobs;

namespace FluxOnnx.Server.Wire;

/// <summary>
/// Reads a <c>POST /v1/images/generations</c> (or <c>/v1/jobs</c>) JSON body: the OpenAI fields (model, prompt, n,
/// size, response_format, output_format, output_compression; quality, style, background, moderation and user are
/// accepted and ignored) and FluxOnnx's (seed, steps, guidance, preview, lora). Unknown members are ignored, as OpenAI's
/// own server does with fields of newer clients; a known member of the wrong type is an error naming it.
/// </summary>
internal static class JsonRequestParser
{
    public static ImageJobRequest Parse(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            throw new InvalidImageRequestException("body", "invalid_json", "a JSON object", "malformed JSON (" + e.Message.Split('.')[0] + ")", e);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidImageRequestException("body", "invalid_json", "a JSON object", "a JSON " + root.ValueKind.ToString().ToLowerInvariant());
            }
            FieldFormats.ResponseFormat(String(root, "response_format"));
            var (width, height) = FieldFormats.Size(String(root, "size"));
            return new ImageJobRequest
            {
                Model = String(root, "model"),
                Prompt = String(root, "prompt") ?? throw new InvalidImageRequestException("prompt", "missing_prompt", "a prompt", "none"),
                N = Int(root, "n") ?? 1,
                Width = width,
                Height = height,
                Steps = Int(root, "steps"),
                Guidance = Float(root, "guidance"),
                Seed = Seed(root),
                OutputFormat = FieldFormats.OutputFormat(String(root, "output_format")),
                Quality = Int(root, "output_compression"),
                Preview = Bool(root, "preview") ?? false,
                Loras = LoraField.Parse(Member(root, "lora")),
            };
        }
    }

    private static JsonElement? Member(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static string? String(JsonElement root, string name) => Member(root, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } v => v.GetString(),
        { } v => throw WrongType(name, "a string", v),
    };

    private static int? Int(JsonElement root, string name) => Member(root, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } v when v.TryGetInt32(out var i) => i,
        { ValueKind: JsonValueKind.Number } v => throw new InvalidImageRequestException(name, "invalid_" + name, "an integer in range", v.GetRawText()),
        { } v => throw WrongType(name, "an integer", v),
    };

    private static float? Float(JsonElement root, string name) => Member(root, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } v => (float)v.GetDouble(),
        { } v => throw WrongType(name, "a number", v),
    };

    private static bool? Bool(JsonElement root, string name) => Member(root, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        { } v => throw WrongType(name, "true or false", v),
    };

    private static ulong? Seed(JsonElement root) => Member(root, "seed") switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } v when v.TryGetUInt64(out var s) => s,
        { } v => throw new InvalidImageRequestException("seed", "invalid_seed", "an integer from 0 to 18446744073709551615", v.GetRawText()),
    };

    private static InvalidImageRequestException WrongType(string name, string expected, JsonElement value) =>
        new(name, "invalid_type", expected, "a JSON " + value.ValueKind.ToString().ToLowerInvariant());
}
