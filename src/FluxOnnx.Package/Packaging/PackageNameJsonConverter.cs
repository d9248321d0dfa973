using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FluxOnnx.Packaging;

/// <summary>
/// Writes a <see cref="Variant"/>, <see cref="Precision"/> or <see cref="Target"/> as its <see cref="PackageNames"/>
/// name and reads it back exactly. Anything else (another spelling, a number, null) throws a <see cref="JsonException"/>
/// whose inner <see cref="UnknownPackageNameException"/> holds the names expected and the value found;
/// <see cref="PackageManifestJson.Parse"/> turns it into a <see cref="ManifestValueException"/> naming the member.
/// </summary>
public sealed class PackageNameJsonConverter<TEnum>(Func<TEnum, string> name) : JsonConverter<TEnum>
    where TEnum : struct, Enum
{
    private readonly (TEnum Value, string Name)[] _names = [.. Enum.GetValues<TEnum>().Select(v => (v, name(v)))];

    public override bool HandleNull => true;

    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            var text = reader.GetString()!;
            foreach (var (value, spelled) in _names)
            {
                if (string.Equals(spelled, text, StringComparison.Ordinal))
                {
                    return value;
                }
            }
            throw Unknown($"'{text}'");
        }
        throw Unknown(reader.TokenType switch
        {
            JsonTokenType.Null => "null",
            JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False => Encoding.UTF8.GetString(reader.ValueSpan),
            JsonTokenType.StartObject => "an object",
            JsonTokenType.StartArray => "an array",
            var other => other.ToString(),
        });
    }

    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) => writer.WriteStringValue(name(value));

    private JsonException Unknown(string actual)
    {
        var unknown = new UnknownPackageNameException([.. _names.Select(n => n.Name)], actual);
        return new JsonException(unknown.Message, unknown);
    }
}
