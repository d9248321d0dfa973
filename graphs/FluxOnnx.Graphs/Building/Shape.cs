using System.Collections;

namespace FluxOnnx.Graphs.Building;

/// <summary>
/// The shape of a tensor value: an ordered list of <see cref="Dim"/>, or <see cref="Unranked"/> when even the
/// rank is not known. Immutable. A rank-0 shape (<see cref="Scalar"/>) is a scalar.
/// </summary>
public sealed class Shape : IReadOnlyList<Dim>, IEquatable<Shape>
{
    private readonly Dim[] _dims;

    /// <summary>A shape of the given dims; <c>long</c> and <c>string</c> convert to <see cref="Dim"/>.</summary>
    public Shape(params Dim[] dims)
        : this(dims.ToArray(), isRanked: true)
    {
    }

    /// <summary>A shape of the given dims.</summary>
    public Shape(IEnumerable<Dim> dims)
        : this(dims.ToArray(), isRanked: true)
    {
    }

    private Shape(Dim[] dims, bool isRanked)
    {
        _dims = dims;
        IsRanked = isRanked;
    }

    /// <summary>The shape of a scalar: rank 0.</summary>
    public static Shape Scalar { get; } = new();

    /// <summary>A shape whose rank is not known; <see cref="Rank"/> throws on it.</summary>
    public static Shape Unranked { get; } = new([], isRanked: false);

    /// <summary>A shape of fixed sizes (a tensor source's dims).</summary>
    public static Shape Of(IEnumerable<long> sizes) => new(sizes.Select(Dim.Fixed));

    /// <summary>A shape of the given rank whose dims are all unknown.</summary>
    public static Shape UnknownOfRank(int rank) => new(Enumerable.Repeat(Dim.Unknown, rank));

    public bool IsRanked { get; }

    /// <summary>Number of dims. Throws <see cref="InvalidOperationException"/> on <see cref="Unranked"/>.</summary>
    public int Rank => IsRanked ? _dims.Length : throw new InvalidOperationException("The shape's rank is unknown.");

    public int Count => Rank;

    /// <summary>True when ranked and every dim is fixed.</summary>
    public bool IsFullyFixed => IsRanked && _dims.All(d => d.IsFixed);

    /// <summary>The dim at <paramref name="axis"/>; negative axes count from the end as in ONNX.</summary>
    public Dim this[int axis] => _dims[NormalizeAxis(axis)];

    /// <summary>Product of the fixed sizes; throws when any dim is not fixed.</summary>
    public long ElementCount => IsFullyFixed
        ? _dims.Aggregate(1L, (n, d) => n * d.Size!.Value)
        : throw new InvalidOperationException($"Shape {this} is not fully fixed.");

    /// <summary>Maps an ONNX axis in [-rank, rank) to [0, rank); throws <see cref="ArgumentOutOfRangeException"/>.</summary>
    public int NormalizeAxis(int axis) => NormalizeAxis(axis, Rank);

    /// <summary>Maps an ONNX axis in [-rank, rank) to [0, rank).</summary>
    public static int NormalizeAxis(int axis, int rank)
    {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank)
        {
            throw new ArgumentOutOfRangeException(nameof(axis), axis, $"Axis is outside [-{rank}, {rank}).");
        }
        return a;
    }

    /// <summary>The fixed sizes, or null when any dim is not fixed.</summary>
    public long[]? TryGetSizes() => IsFullyFixed ? _dims.Select(d => d.Size!.Value).ToArray() : null;

    /// <summary>A copy with <paramref name="axis"/> replaced.</summary>
    public Shape With(int axis, Dim dim)
    {
        var dims = _dims.ToArray();
        dims[NormalizeAxis(axis)] = dim;
        return new Shape(dims);
    }

    public IEnumerator<Dim> GetEnumerator() => ((IEnumerable<Dim>)_dims).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(Shape? other) =>
        other is not null && IsRanked == other.IsRanked && _dims.AsSpan().SequenceEqual(other._dims);

    public override bool Equals(object? obj) => Equals(obj as Shape);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(IsRanked);
        foreach (var d in _dims) hash.Add(d);
        return hash.ToHashCode();
    }

    /// <summary><c>[batch, 4096, 3072]</c>, <c>[]</c> for a scalar, <c>[*]</c> when unranked.</summary>
    public override string ToString() => IsRanked ? $"[{string.Join(", ", _dims)}]" : "[*]";
}
