using System.Text.Json.Serialization;
using FluxOnnx.Serving;

namespace FluxOnnx.Server.Wire;

/// <summary><c>GET /v1/models</c>: the OpenAI list shape, each model with FluxOnnx's variant and defaults.</summary>
internal sealed record ModelList(
    [property: JsonPropertyName("object")] string Object,
    [property: JsonPropertyName("data")] IReadOnlyList<ModelEntry> Data)
{
    public static ModelList From(IEnumerable<ServedModel> models) => new("list", models.Select(ModelEntry.From).ToArray());
}

internal sealed record ModelEntry(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("object")] string Object,
    [property: JsonPropertyName("created")] long Created,
    [property: JsonPropertyName("owned_by")] string OwnedBy,
    [property: JsonPropertyName("variant")] string Variant,
    [property: JsonPropertyName("precision")] string Precision,
    [property: JsonPropertyName("provider")] string Provider,
    [property: JsonPropertyName("default_size")] string DefaultSize,
    [property: JsonPropertyName("default_steps")] int DefaultSteps,
    [property: JsonPropertyName("accepts_guidance")] bool AcceptsGuidance,
    [property: JsonPropertyName("lora_slot_rank")] int LoraSlotRank,
    [property: JsonPropertyName("loras")] IReadOnlyList<string> Loras)
{
    public static ModelEntry From(ServedModel m) => new(m.Name, "model", m.LoadedAt.ToUnixTimeSeconds(), "fluxonnx", m.Variant.Name(), m.Precision.Name(),
        m.Provider, $"{m.DefaultWidth}x{m.DefaultHeight}", m.DefaultSteps, m.AcceptsGuidance, m.LoraSlotRank, m.Loras);
}
