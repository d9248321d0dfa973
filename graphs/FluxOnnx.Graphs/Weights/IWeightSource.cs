using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Tensors;

namespace FluxOnnx.Graphs.Weights;

/// <summary>
/// The weights a checkpoint offers to graph code, under the reference module's names (BFL names for the
/// transformer and autoencoder, HF names for T5 and CLIP). The converter implements this over a memory-mapped
/// checkpoint plus its format's recipes; graph code only ever sees reference names.
/// </summary>
public interface IWeightSource
{
    /// <summary>Every reference name this source offers; names graph code never asks for are reported as unused.</summary>
    IReadOnlyCollection<string> Names { get; }

    /// <summary>Stored shape of <paramref name="name"/> (before any layout change), or null when absent.</summary>
    IReadOnlyList<long>? ShapeOf(string name);

    /// <summary>
    /// A lazy source for <paramref name="name"/> converted to <paramref name="elementType"/> in its stored
    /// layout, or null when absent. Nothing is read before the model writer asks for the bytes.
    /// </summary>
    ITensorSource? Open(string name, ElementType elementType);
}
