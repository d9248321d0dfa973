namespace FluxOnnx.Serving.Errors;

/// <summary>The request names a model the service does not serve (code <c>model_not_found</c>).</summary>
public sealed class ModelNotFoundException : ServingException
{
    public ModelNotFoundException(string model, IReadOnlyList<string> available)
        : base("model_not_found", $"model '{model}' is not served here; available: {string.Join(", ", available)}.")
    {
        Model = model;
        Available = available;
    }

    public string Model { get; }

    /// <summary>The names of the models the service serves.</summary>
    public IReadOnlyList<string> Available { get; }
}
