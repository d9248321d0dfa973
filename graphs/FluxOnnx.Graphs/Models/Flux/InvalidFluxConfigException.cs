namespace FluxOnnx.Graphs.Models.Flux;

/// <summary>
/// A FLUX config (given, loaded from a params JSON, or derived from a checkpoint's shapes) is not a valid
/// transformer. <see cref="Parameter"/> is the BFL <c>FluxParams</c> field name (or the diffusers config.json key).
/// </summary>
public sealed class InvalidFluxConfigException : FluxOnnxException
{
    public InvalidFluxConfigException(string parameter, string value, string reason, string? tensorName = null,
        string? filePath = null, Exception? inner = null)
        : base((filePath ?? "FLUX config") + (tensorName is null
            ? $": {parameter} = {value} {reason}."
            : $": {parameter} = {value} (from {tensorName}) {reason}."), inner)
    {
        Parameter = parameter;
        Value = value;
        Reason = reason;
        TensorName = tensorName;
        FilePath = filePath;
    }

    /// <summary>The field, e.g. <c>axes_dim</c>.</summary>
    public string Parameter { get; }

    /// <summary>The offending value as text (<c>[16, 56, 56]</c>, <c>3072</c>, <c>missing</c>).</summary>
    public string Value { get; }

    public string Reason { get; }

    /// <summary>The checkpoint tensor the value was read from, when derived from shapes.</summary>
    public string? TensorName { get; }

    /// <summary>The params JSON or config.json the value was read from, when it came from a file.</summary>
    public string? FilePath { get; }

    /// <summary>The same error, attributed to <paramref name="path"/>.</summary>
    public InvalidFluxConfigException InFile(string path) => new(Parameter, Value, Reason, TensorName, path, this);
}
