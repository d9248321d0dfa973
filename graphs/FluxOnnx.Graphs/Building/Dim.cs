using System.Globalization;

namespace FluxOnnx.Graphs.Building;

/// <summary>
/// One dimension of a <see cref="Shape"/>: a fixed size (<c>3072</c>), a symbolic name written as ONNX
/// <c>dim_param</c> (<c>"batch"</c>, <c>"img_tokens"</c>), or unknown. Symbolic dims produced by shape inference
/// may be expressions over names (<c>"txt_tokens+img_tokens"</c>, <c>"heads*64"</c>); such a string is still one
/// opaque <c>dim_param</c> to ONNX Runtime.
/// </summary>
/// <remarks>
/// <c>long</c> and <c>string</c> convert implicitly, so shapes read as <c>new Shape("batch", "img_tokens", 3072)</c>.
/// Equality is structural: two unknown dims compare equal as values, but inference never treats them as the
/// same size.
/// </remarks>
public readonly record struct Dim
{
    private Dim(long? size, string? symbol)
    {
        Size = size;
        Symbol = symbol;
    }

    /// <summary>The fixed size, or null for a symbolic or unknown dim.</summary>
    public long? Size { get; }

    /// <summary>The <c>dim_param</c> name, or null for a fixed or unknown dim.</summary>
    public string? Symbol { get; }

    public bool IsFixed => Size.HasValue;

    public bool IsSymbolic => Symbol is not null;

    public bool IsUnknown => !IsFixed && !IsSymbolic;

    /// <summary>A dim with no size and no name (ONNX: a dimension with neither dim_value nor dim_param).</summary>
    public static Dim Unknown => default;

    /// <summary>A fixed size; negative sizes are rejected.</summary>
    public static Dim Fixed(long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        return new Dim(size, null);
    }

    /// <summary>A named symbolic size; the name must be non-empty.</summary>
    public static Dim Symbolic(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new Dim(null, name);
    }

    public static implicit operator Dim(long size) => Fixed(size);

    public static implicit operator Dim(string name) => Symbolic(name);

    /// <summary>
    /// Sum of two dims (Concat along an axis): fixed + fixed is fixed, 0 + x is x, anything with an unknown is
    /// unknown, otherwise the symbolic expression <c>"a+b"</c>.
    /// </summary>
    public static Dim operator +(Dim a, Dim b)
    {
        if (a.IsFixed && b.IsFixed) return Fixed(a.Size!.Value + b.Size!.Value);
        if (a.Size == 0) return b;
        if (b.Size == 0) return a;
        if (a.IsUnknown || b.IsUnknown) return Unknown;
        return Symbolic($"{a}+{b}");
    }

    /// <summary>
    /// Product of two dims (merging axes in a reshape): fixed × fixed is fixed, 1 × x is x, anything with an
    /// unknown is unknown, otherwise the symbolic expression <c>"a*b"</c> (sums are parenthesised).
    /// </summary>
    public static Dim operator *(Dim a, Dim b)
    {
        if (a.IsFixed && b.IsFixed) return Fixed(a.Size!.Value * b.Size!.Value);
        if (a.Size == 1) return b;
        if (b.Size == 1) return a;
        if (a.Size == 0 || b.Size == 0) return Fixed(0);
        if (a.IsUnknown || b.IsUnknown) return Unknown;
        return Symbolic($"{Factor(a)}*{Factor(b)}");
    }

    /// <summary><c>3072</c>, <c>batch</c> or <c>?</c>.</summary>
    public override string ToString() =>
        IsFixed ? Size!.Value.ToString(CultureInfo.InvariantCulture) : Symbol ?? "?";

    private static string Factor(Dim d) => d.Symbol is { } s && s.Contains('+') ? $"({s})" : d.ToString();
}
