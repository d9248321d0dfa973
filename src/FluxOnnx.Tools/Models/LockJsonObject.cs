using System.Text.Json;

namespace FluxOnnx.Tools.Models;

/// <summary>
/// One JSON object of a lock file with its <c>$</c>-rooted path: typed field access that throws
/// <see cref="ModelLockException"/> naming the field's path, and a closed set of allowed field names.
/// </summary>
internal sealed class LockJsonObject
{
    private readonly Dictionary<string, JsonElement> _fields = new(StringComparer.Ordinal);

    public LockJsonObject(JsonElement element, string path, string filePath, IReadOnlyCollection<string> allowed)
    {
        Path = path;
        FilePath = filePath;
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Error(ModelLockError.InvalidField, path, $"expected an object, found {Describe(element)}");
        }
        foreach (var property in element.EnumerateObject())
        {
            string at = $"{path}.{property.Name}";
            if (!allowed.Contains(property.Name))
            {
                throw Error(ModelLockError.InvalidField, at, $"unknown field; allowed: {string.Join(", ", allowed)}");
            }
            if (!_fields.TryAdd(property.Name, property.Value))
            {
                throw Error(ModelLockError.InvalidJson, at, "the field is repeated");
            }
        }
    }

    public string Path { get; }

    public string FilePath { get; }

    public string At(string field) => $"{Path}.{field}";

    public ModelLockException Error(ModelLockError reason, string path, string problem) => new(reason, FilePath, path, problem);

    /// <summary>The field's element, or null when absent or JSON null (and <paramref name="required"/> is false).</summary>
    public JsonElement? Get(string field, bool required)
    {
        bool present = _fields.TryGetValue(field, out var value) && value.ValueKind != JsonValueKind.Null;
        if (!present && required)
        {
            string problem = _fields.ContainsKey(field) ? "the field is required and must not be null" : "the field is required";
            throw Error(ModelLockError.MissingField, At(field), problem);
        }
        return present ? value : null;
    }

    public string String(string field) => OptionalString(field, required: true)!;

    public string? OptionalString(string field, bool required = false)
    {
        if (Get(field, required) is not { } value)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            throw Error(ModelLockError.InvalidField, At(field), $"expected a string, found {Describe(value)}");
        }
        string text = value.GetString()!;
        if (text.Length == 0)
        {
            throw Error(ModelLockError.InvalidValue, At(field), "the string is empty; use null for an unknown value");
        }
        return text;
    }

    public long? OptionalInt64(string field, bool required = false)
    {
        if (Get(field, required) is not { } value)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out long number))
        {
            throw Error(ModelLockError.InvalidField, At(field), $"expected an integer, found {Describe(value)}");
        }
        return number;
    }

    public int Int32(string field)
    {
        long number = OptionalInt64(field, required: true)!.Value;
        if (number is < int.MinValue or > int.MaxValue)
        {
            throw Error(ModelLockError.InvalidValue, At(field), $"{number} does not fit a 32-bit integer");
        }
        return (int)number;
    }

    public bool Boolean(string field)
    {
        var value = Get(field, required: true)!.Value;
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Error(ModelLockError.InvalidField, At(field), $"expected true or false, found {Describe(value)}"),
        };
    }

    /// <summary>The field's array items, or null when the field is null (and <paramref name="required"/> is false).</summary>
    public List<JsonElement>? OptionalArray(string field, bool required = false)
    {
        if (Get(field, required) is not { } value)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Error(ModelLockError.InvalidField, At(field), $"expected an array, found {Describe(value)}");
        }
        return value.EnumerateArray().ToList();
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string \"{value.GetString()}\"",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => "null",
    };
}
