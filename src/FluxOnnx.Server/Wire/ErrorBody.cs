using System.Text.Json.Serialization;

namespace FluxOnnx.Server.Wire;

/// <summary>The OpenAI error shape: <c>{"error": {"message", "type", "param", "code"}}</c>.</summary>
internal sealed record ErrorBody([property: JsonPropertyName("error")] ErrorDetail Error);

/// <param name="Message">What went wrong, for people.</param>
/// <param name="Type"><c>invalid_request_error</c>, <c>authentication_error</c>, <c>rate_limit_error</c> or <c>server_error</c>.</param>
/// <param name="Param">The request field at fault, or null.</param>
/// <param name="Code">A stable snake_case code (see the README's table).</param>
internal sealed record ErrorDetail(
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("param"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Param,
    [property: JsonPropertyName("code"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Code);
