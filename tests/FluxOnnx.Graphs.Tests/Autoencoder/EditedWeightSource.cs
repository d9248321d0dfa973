using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Tensors;
using FluxOnnx.Graphs.Weights;

namespace FluxOnnx.Graphs.Tests.Autoencoder;

/// <summary>
/// A weight source with one tensor dropped, renamed or reporting another shape: the faults a broken or foreign
/// checkpoint shows.
/// </summary>
internal sealed class EditedWeightSource(
    IWeightSource inner,
    string? drop = null,
    (string From, string To)? rename = null,
    (string Name, long[] Shape)? reshape = null) : IWeightSource
{
    public IReadOnlyCollection<string> Names { get; } = inner.Names
        .Where(n => n != drop)
        .Select(n => rename is { } r && n == r.From ? r.To : n)
        .ToArray();

    public IReadOnlyList<long>? ShapeOf(string name) =>
        reshape is { } s && name == s.Name ? s.Shape : Inner(name) is { } n ? inner.ShapeOf(n) : null;

    public ITensorSource? Open(string name, ElementType elementType) =>
        Inner(name) is { } n ? inner.Open(n, elementType) : null;

    /// <summary>The inner name behind an offered <paramref name="name"/>, or null when this source hides it.</summary>
    private string? Inner(string name)
    {
        if (name == drop || (rename is { } r && name == r.From)) return null;
        return rename is { } r2 && name == r2.To ? r2.From : name;
    }
}
