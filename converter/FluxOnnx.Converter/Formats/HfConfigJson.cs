using FluxOnnx.Graphs.Models;
using System.Globalization;
using System.Text.Json;

using FluxOnnx.Graphs.Models.TextEncoders;

namespace FluxOnnx.Converter.Formats;

/// <summary>
/// Reads keys of a Hugging Face <c>config.json</c>. A missing key takes the value the matching transformers
/// <c>PretrainedConfig</c> constructor defaults to (the caller passes it, citing the reference); a key of the wrong
/// JSON type is a <see cref="TextEncoderConfigException"/>.
/// </summary>
internal sealed class HfConfigJson
{
    private readonly JsonElement _object;

    private HfConfigJson(string filePath, JsonElement obj)
    {
        FilePath = filePath;
        _object = obj;
    }

    public string FilePath { get; }

    /// <summary>Parses <paramref name="filePath"/>; the whole document is kept in memory (config files are small).</summary>
    public static HfConfigJson Load(string filePath)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(filePath));
            root = document.RootElement.Clone();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new TextEncoderConfigException(filePath, "", $"unreadable ({e.Message})", "a JSON object", e);
        }
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new TextEncoderConfigException(filePath, "", root.ValueKind.ToString(), "a JSON object");
        }
        return new HfConfigJson(filePath, root);
    }

    /// <summary>The nested object <paramref name="key"/> (CLIPModel's <c>text_config</c>), or null when absent.</summary>
    public HfConfigJson? Section(string key) =>
        _object.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.Object
            ? new HfConfigJson(FilePath, value)
            : null;

    public int Int(string key, int fallback)
    {
        if (!_object.TryGetProperty(key, out var value)) return fallback;
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int n)
            ? n
            : throw Wrong(key, value, "an integer");
    }

    public float Float(string key, float fallback)
    {
        if (!_object.TryGetProperty(key, out var value)) return fallback;
        return value.ValueKind == JsonValueKind.Number
            ? (float)value.GetDouble()
            : throw Wrong(key, value, "a number");
    }

    public string String(string key, string fallback)
    {
        if (!_object.TryGetProperty(key, out var value)) return fallback;
        return value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Wrong(key, value, "a string");
    }

    /// <summary>Runs a config's <c>Validate</c>, attributing a broken invariant to this file and key.</summary>
    public T Validated<T>(Func<T> validate)
    {
        try
        {
            return validate();
        }
        catch (ModelConfigException e)
        {
            throw new TextEncoderConfigException(FilePath, e.Key, e.Actual, e.Expected, e);
        }
    }

    /// <summary>A value this graph code does not implement.</summary>
    public TextEncoderConfigException Unsupported(string key, object actual, string expected) =>
        new(FilePath, key, Convert.ToString(actual, CultureInfo.InvariantCulture) ?? "null", expected);

    private TextEncoderConfigException Wrong(string key, JsonElement value, string expected) =>
        new(FilePath, key, value.GetRawText(), expected);
}
