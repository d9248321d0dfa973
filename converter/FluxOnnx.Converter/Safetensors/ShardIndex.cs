using System.Text;
using System.Text.Json;

namespace FluxOnnx.Converter.Safetensors;

/// <summary>The parsed <c>*.safetensors.index.json</c> of a sharded checkpoint (duplicate keys rejected).</summary>
internal sealed class ShardIndex
{
    private ShardIndex(Dictionary<string, string> weightMap, Dictionary<string, string> metadata)
    {
        WeightMap = weightMap;
        Metadata = metadata;
        ShardNames = weightMap.Values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Tensor name → shard file name, relative to the index's folder.</summary>
    public Dictionary<string, string> WeightMap { get; }

    /// <summary>The <c>metadata</c> object; non-string values kept as their raw JSON text.</summary>
    public Dictionary<string, string> Metadata { get; }

    /// <summary>Distinct shard file names, ordinal order.</summary>
    public List<string> ShardNames { get; }

    /// <exception cref="SafetensorsFormatException">The index is not the expected JSON.</exception>
    public static ShardIndex Read(string indexPath)
    {
        byte[] json = File.ReadAllBytes(indexPath);
        var weightMap = new Dictionary<string, string>(StringComparer.Ordinal);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        bool sawWeightMap = false;
        try
        {
            var reader = new Utf8JsonReader(json);
            Expect(ref reader, JsonTokenType.StartObject, indexPath, "the index root");
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (Next(ref reader) != JsonTokenType.EndObject)
            {
                string key = reader.GetString()!;
                if (!seen.Add(key))
                {
                    throw Invalid(SafetensorsFormatError.DuplicateKey, indexPath, "the index repeats a top-level key", key);
                }
                switch (key)
                {
                    case "weight_map":
                        sawWeightMap = true;
                        Expect(ref reader, JsonTokenType.StartObject, indexPath, "weight_map");
                        ReadMap(ref reader, weightMap, indexPath, "weight_map", stringsOnly: true);
                        break;
                    case "metadata":
                        Expect(ref reader, JsonTokenType.StartObject, indexPath, "metadata");
                        ReadMap(ref reader, metadata, indexPath, "metadata", stringsOnly: false);
                        break;
                    default:
                        throw Invalid(SafetensorsFormatError.InvalidIndex, indexPath, "unexpected top-level key", key,
                            "metadata, weight_map", key);
                }
            }
        }
        catch (JsonException e)
        {
            throw new SafetensorsFormatException(SafetensorsFormatError.InvalidIndex, indexPath,
                $"the index is not valid JSON: {e.Message}", innerException: e);
        }
        if (!sawWeightMap)
        {
            throw Invalid(SafetensorsFormatError.InvalidIndex, indexPath, "the index has no weight_map", null, "weight_map", "absent");
        }
        foreach ((string name, string shard) in weightMap)
        {
            if (shard.Length == 0 || Path.IsPathRooted(shard) || shard.Split('/', '\\').Contains(".."))
            {
                throw Invalid(SafetensorsFormatError.InvalidIndex, indexPath, "shard names must be relative paths inside the index folder",
                    name, "a file name such as model-00001-of-00002.safetensors", shard);
            }
        }
        return new ShardIndex(weightMap, metadata);
    }

    private static void ReadMap(ref Utf8JsonReader reader, Dictionary<string, string> map, string indexPath, string what, bool stringsOnly)
    {
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            string key = reader.GetString()!;
            JsonTokenType type = Next(ref reader);
            string value;
            if (type == JsonTokenType.String)
            {
                value = reader.GetString()!;
            }
            else if (stringsOnly)
            {
                throw Invalid(SafetensorsFormatError.InvalidIndex, indexPath, $"{what} values must be strings", key, "String", type.ToString());
            }
            else
            {
                value = RawValue(ref reader);
            }
            if (!map.TryAdd(key, value))
            {
                throw Invalid(SafetensorsFormatError.DuplicateKey, indexPath, $"{what} repeats a key", key);
            }
        }
    }

    private static string RawValue(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            using JsonDocument document = JsonDocument.ParseValue(ref reader);
            return document.RootElement.GetRawText();
        }
        return Encoding.UTF8.GetString(reader.ValueSpan);
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string indexPath, string what)
    {
        if (Next(ref reader) != type)
        {
            throw Invalid(SafetensorsFormatError.InvalidIndex, indexPath, $"{what} must be a JSON object", null, type.ToString(), reader.TokenType.ToString());
        }
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader) =>
        reader.Read() ? reader.TokenType : throw new JsonException("unexpected end of the index");

    private static SafetensorsFormatException Invalid(SafetensorsFormatError reason, string indexPath, string description,
        string? name, string? expected = null, string? actual = null) =>
        new(reason, indexPath, description, name, expected, actual);
}
