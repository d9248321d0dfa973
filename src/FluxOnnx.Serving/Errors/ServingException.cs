namespace FluxOnnx.Serving.Errors;

/// <summary>
/// The base of the errors <see cref="FluxImageService"/> raises on purpose. Each subtype names the request field or
/// the model it is about and the machine-readable <see cref="Code"/> a host reports (the OpenAI error body's
/// <c>code</c>), so hosts map errors by type and data, never by message.
/// </summary>
public abstract class ServingException : FluxOnnxException
{
    protected ServingException(string code, string message, Exception? inner = null)
        : base(message, inner)
    {
        Code = code;
    }

    /// <summary>A short snake_case code, e.g. <c>invalid_size</c>, <c>model_not_found</c>, <c>queue_full</c>.</summary>
    public string Code { get; }
}
