namespace FluxOnnx.Graphs.Models.Flux;

/// <summary>
/// A FLUX config (given, loaded from a params JSON, or derived from a checkpoint's shapes) is not a valid
/// transformer. <see cref="Parameter"/> is the BFL <c>FluxParams</c> field name.
/// </summary>
public sealed class InvalidFluxConfigException : FluxOnnxException
{
    public InvalidFluxConfigException(string parameter, string value, string reason, string? tensorName = null)
        : base(tensorName is null
            ? $"FLUX config: {parameter} = {value} {reason}."
            : $"FLUX config: {parameter} = {value} (from {tensorName}) {reason}.")
    {
        Parameter = parameter;
        Value = value;
        Reason = reason;
        TensorName = tensorName;
    }

    /// <summary>The field, e.g. <c>axes_dim</c>.</summary>
    public string Parameter { get; }

    /// <summary>The offending value as text (<c>[16, 56, 56]</c>, <c>3072</c>, <c>missing</c>).</summary>
    public string Value { get; }

    public string Reason { get; }

    /// <summary>The checkpoint tensor the value was read from, when derived from shapes.</summary>
    public string? TensorName { get; }
}
