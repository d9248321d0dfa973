namespace FluxOnnx.Graphs.Building;

/// <summary>
/// Fixed choices for one <see cref="GraphBuilder"/>. Defaults target ONNX Runtime 1.30: IR 10, ai.onnx opset 23
/// (the first with Attention and RMSNormalization), com.microsoft opset 1.
/// </summary>
public sealed record GraphBuilderOptions
{
    /// <summary>The ONNX graph name (<c>GraphProto.name</c>).</summary>
    public string GraphName { get; init; } = "main";

    /// <summary>
    /// First segment of every node path (<c>"transformer"</c> gives <c>/transformer/.../MatMul</c>); null or empty
    /// for paths that start at the first <see cref="GraphBuilder.Scope"/>.
    /// </summary>
    public string? RootScope { get; init; }

    public long IrVersion { get; init; } = 10;

    /// <summary>Version of the default domain (ai.onnx); always imported.</summary>
    public long OnnxOpset { get; init; } = 23;

    /// <summary>Version of com.microsoft, imported only when a node of that domain is added.</summary>
    public long MicrosoftOpset { get; init; } = 1;
}
