using System.Text.Json;
using System.Text.Json.Serialization;

namespace FluxOnnx.Packaging;

/// <summary>Writes an <see cref="ElementType"/> as its manifest name (<see cref="ElementTypes.Name"/>) and reads it back exactly.</summary>
public sealed class ElementTypeJsonConverter : JsonConverter<ElementType>
{
    public override ElementType Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var name = reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new JsonException("an element type must be a string");
        return ElementTypes.TryParseName(name, out var type) && type != ElementType.Undefined
            ? type
            : throw new JsonException($"'{name}' is not an element type (float32, float16, bfloat16, int64, ...)");
    }

    public override void Write(Utf8JsonWriter writer, ElementType value, JsonSerializerOptions options) => writer.WriteStringValue(value.Name());
}
