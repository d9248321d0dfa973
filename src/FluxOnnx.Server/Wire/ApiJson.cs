using System.Text.Json;
using System.Text.Json.Serialization;

namespace FluxOnnx.Server.Wire;

/// <summary>The API's JSON conventions: snake_case members as spelled on each record, nulls left out.</summary>
internal static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
