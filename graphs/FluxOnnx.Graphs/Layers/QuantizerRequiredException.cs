using FluxOnnx.Graphs.Weights;

namespace FluxOnnx.Graphs.Layers;

/// <summary>A policy asks for a quantized Linear format but carries no <see cref="ILinearWeightQuantizer"/> to produce it.</summary>
public sealed class QuantizerRequiredException(string scope, LinearWeightFormat format)
    : FluxOnnxException($"Linear '{scope}' is to be stored as {format}, but the weight policy has no quantizer.")
{
    public string Scope { get; } = scope;

    public LinearWeightFormat Format { get; } = format;
}
