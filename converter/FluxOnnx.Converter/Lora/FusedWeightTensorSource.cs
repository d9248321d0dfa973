using System.Runtime.InteropServices;
using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Tensors;
using FluxOnnx.Converter.Numerics;

namespace FluxOnnx.Converter.Lora;

/// <summary>
/// A weight with LoRA updates fused in, computed when the model writer asks for its bytes:
/// <code>
///   W' = W + Σ strength · scale · Up · Down      (scale = alpha / rank, or 1)   — weights [out, in]
///   b' = b + Σ strength · scale · up_bias        (BFL LinearLora lora_B.bias)   — biases [out]
/// </code>
/// in float32 on the base weight read as float32 (so before any quantization or narrowing), then written in the
/// asked element type. Holds the base tensor and one part's factors at a time.
/// </summary>
internal sealed class FusedWeightTensorSource : ITensorSource
{
    private readonly ITensorSource _base;
    private readonly IReadOnlyList<(LoraFile File, LoraPart Part, double Strength)> _parts;
    private readonly bool _bias;

    /// <param name="baseFloat">The base (or replacing) tensor as float32, [out, in] or [out].</param>
    /// <param name="parts">The updates; all of them target this tensor.</param>
    /// <param name="bias">True for the bias vector (applies up_bias), false for the weight.</param>
    /// <param name="elementType">Float, Float16 or BFloat16.</param>
    public FusedWeightTensorSource(ITensorSource baseFloat, IReadOnlyList<(LoraFile, LoraPart, double)> parts, bool bias, ElementType elementType)
    {
        if (baseFloat.ElementType != ElementType.Float)
        {
            throw new ArgumentException("the base must be read as float32", nameof(baseFloat));
        }
        if (elementType is not (ElementType.Float or ElementType.Float16 or ElementType.BFloat16))
        {
            throw new ArgumentException($"LoRA-fused weights are written as float, float16 or bfloat16, not {elementType}", nameof(elementType));
        }
        _base = baseFloat;
        _parts = parts;
        _bias = bias;
        ElementType = elementType;
        Dims = baseFloat.Dims;
        ByteLength = elementType.ByteLength(Dims.Aggregate(1L, (a, d) => a * d));
    }

    public ElementType ElementType { get; }

    public IReadOnlyList<long> Dims { get; }

    public long ByteLength { get; }

    public void WriteTo(Stream destination, CancellationToken cancellationToken)
    {
        var bytes = new byte[checked((int)_base.ByteLength)];
        using (var ms = new MemoryStream(bytes, writable: true))
        {
            _base.WriteTo(ms, cancellationToken);
        }
        var w = MemoryMarshal.Cast<byte, float>(bytes.AsSpan());
        var cols = _bias ? 1 : checked((int)Dims[1]);
        foreach (var (file, part, strength) in _parts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var term = file.ReadTerm(part);
            var coefficient = (float)strength * term.Scale;
            var rank = term.Rank;
            var rows = checked((int)term.Rows);
            var offset = checked((int)term.RowOffset);
            if (_bias)
            {
                for (var r = 0; r < rows && term.UpBias is { } upBias; r++)
                {
                    w[offset + r] += coefficient * upBias[r];
                }
                continue;
            }
            // W[offset + r, c] += coefficient · Σ_k Up[r, k] · Down[k, c], a row of W at a time.
            var row = new float[cols];
            for (var r = 0; r < rows; r++)
            {
                Array.Clear(row);
                for (var k = 0; k < rank; k++)
                {
                    var u = term.Up[r * rank + k];
                    var down = term.Down.AsSpan(k * cols, cols);
                    for (var c = 0; c < cols; c++)
                    {
                        row[c] += u * down[c];
                    }
                }
                var target = w.Slice((offset + r) * cols, cols);
                for (var c = 0; c < cols; c++)
                {
                    target[c] += coefficient * row[c];
                }
            }
        }
        Write(w, destination);
    }

    private void Write(ReadOnlySpan<float> values, Stream destination)
    {
        switch (ElementType)
        {
            case ElementType.Float:
                destination.Write(MemoryMarshal.AsBytes(values));
                break;
            case ElementType.Float16:
            {
                var half = new ushort[values.Length];
                Float16Conversion.FromSingle(values, half);
                destination.Write(MemoryMarshal.AsBytes(half.AsSpan()));
                break;
            }
            default:
            {
                var bf = new ushort[values.Length];
                BFloat16Conversion.FromSingle(values, bf);
                destination.Write(MemoryMarshal.AsBytes(bf.AsSpan()));
                break;
            }
        }
    }
}
