using System.Text.Json;
using FluxOnnx.Serving.Errors;
using FluxOnnx.Serving.Jobs;

namespace FluxOnnx.Server.Wire;

/// <summary>
/// FluxOnnx's <c>lora</c> field: a JSON array of <c>{"name": "...", "strength": 0.8}</c> (strength optional, default 1),
/// the names being LoRAs the operator registered (<c>flux serve --lora NAME=FILE</c>). In a multipart body it is a
/// text field holding the same JSON.
/// </summary>
internal static class LoraField
{
    private const string Name = "lora";

    public static IReadOnlyList<LoraSelection>? Parse(JsonElement? value)
    {
        if (value is not { } array)
        {
            return null;
        }
        if (array.ValueKind != JsonValueKind.Array)
        {
            throw Invalid("an array of {\"name\", \"strength\"} objects", "a JSON " + Kind(array));
        }
        var selections = new List<LoraSelection>();
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw Invalid("an array of {\"name\", \"strength\"} objects", "an element that is a JSON " + Kind(item));
            }
            if (!item.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(name.GetString()))
            {
                throw Invalid("each element with a \"name\" string", item.GetRawText());
            }
            var strength = 1.0;
            if (item.TryGetProperty("strength", out var s) && s.ValueKind != JsonValueKind.Null)
            {
                if (s.ValueKind != JsonValueKind.Number)
                {
                    throw Invalid("a number as \"strength\"", s.GetRawText());
                }
                strength = s.GetDouble();
            }
            selections.Add(new LoraSelection(name.GetString()!, strength));
        }
        return selections;
    }

    /// <summary>The multipart form's <c>lora</c> text field, parsed as JSON.</summary>
    public static IReadOnlyList<LoraSelection>? Parse(string? text)
    {
        if (text is null)
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 8 });
            return Parse(document.RootElement.ValueKind == JsonValueKind.Null ? null : document.RootElement);
        }
        catch (JsonException e)
        {
            throw new InvalidImageRequestException(Name, "invalid_json", "a JSON array of {\"name\", \"strength\"} objects", "malformed JSON (" + e.Message.Split('.')[0] + ")", e);
        }
    }

    private static InvalidImageRequestException Invalid(string expected, string actual) => new(Name, "invalid_type", expected, actual);

    private static string Kind(JsonElement e) => e.ValueKind.ToString().ToLowerInvariant();
}
