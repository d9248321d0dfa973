using System.Globalization;
using System.Runtime.InteropServices;
using FluxOnnx.Graphs.Tensors;

namespace FluxOnnx.Graphs.Building;

public sealed partial class GraphBuilder
{
    // Constants are initializers deduplicated by (element type, dims, bytes): the same scalar used by 500 nodes
    // is one initializer. Names live outside the scope tree: /constants/{TYPE}/{value} for up to eight
    // elements of rank <= 1 ("/constants/INT64/[0,-1,24,128]"), /constants/{TYPE}/#{n} otherwise.
    private const int MaxElementsInConstantName = 8;
    private readonly Dictionary<string, Value> _constants = new(StringComparer.Ordinal);
    private readonly HashSet<string> _constantNames = new(StringComparer.Ordinal);

    /// <summary>A FLOAT scalar constant.</summary>
    public Value Constant(float value) => Constant([value], []);

    /// <summary>A FLOAT16 scalar constant.</summary>
    public Value Constant(Half value) => Constant([value], []);

    /// <summary>An INT64 scalar constant.</summary>
    public Value Constant(long value) => Constant([value], []);

    /// <summary>A BOOL scalar constant.</summary>
    public Value Constant(bool value) => Constant([value], []);

    /// <summary>A 1-D INT64 constant: shapes, axes, starts and ends.</summary>
    public Value Constant(long[] values) => Constant(values, [values.Length]);

    /// <summary>A 1-D FLOAT constant.</summary>
    public Value Constant(float[] values) => Constant(values, [values.Length]);

    /// <summary>
    /// A constant of any shape and element type from a managed buffer (copied, so the caller may reuse it).
    /// <paramref name="elementType"/> overrides the type implied by <typeparamref name="T"/>, e.g. BFLOAT16 bits
    /// held in a <c>ushort[]</c>.
    /// </summary>
    public Value Constant<T>(T[] data, long[] dims, ElementType? elementType = null)
        where T : unmanaged
    {
        var source = new ArrayTensorSource<T>(data.ToArray(), dims, elementType);
        string key = $"{source.ElementType}|{string.Join(',', dims)}|{Convert.ToBase64String(source.Bytes)}";
        if (_constants.TryGetValue(key, out var existing))
        {
            return existing;
        }

        string label = dims.Length <= 1 && data.Length <= MaxElementsInConstantName
            ? Label(data, dims.Length == 0)
            : $"#{_constants.Count}";
        string name = $"/constants/{source.ElementType.OnnxName()}/{label}";
        for (int n = 1; !_constantNames.Add(name); n++)
        {
            name = $"/constants/{source.ElementType.OnnxName()}/{label}#{n}";
        }

        var value = new Value(this, name, source.ElementType, Shape.Of(dims), ValueKind.Initializer)
        {
            ConstantInt64 = source.ElementType == ElementType.Int64 ? MemoryMarshal.Cast<T, long>(data).ToArray() : null,
        };
        _initializers.Add((value, source));
        _constants[key] = value;
        return value;
    }

    /// <summary>
    /// A scalar of <paramref name="elementType"/> (FLOAT, FLOAT16, BFLOAT16, DOUBLE, INT32 or INT64) holding
    /// <paramref name="value"/>: the constant to combine with a tensor of that type, e.g.
    /// <c>g.Mul(x, g.Scalar(0.5, x.ElementType))</c>. BFLOAT16 rounds to nearest even.
    /// </summary>
    public Value Scalar(double value, ElementType elementType) => elementType switch
    {
        ElementType.Float => Constant((float)value),
        ElementType.Float16 => Constant((Half)value),
        ElementType.Double => Constant([value], []),
        ElementType.Int64 => Constant(checked((long)value)),
        ElementType.Int32 => Constant([checked((int)value)], []),
        ElementType.BFloat16 => Constant([BFloat16Rounding.ToBits((float)value)], [], ElementType.BFloat16),
        _ => throw new ArgumentException($"No scalar constants of {elementType}.", nameof(elementType)),
    };

    private static string Label<T>(T[] data, bool scalar)
    {
        string Format(T x) => x switch
        {
            float f => f.ToString("R", CultureInfo.InvariantCulture),
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => x?.ToString() ?? "",
        };
        return scalar ? Format(data[0]) : $"[{string.Join(',', data.Select(Format))}]";
    }
}
