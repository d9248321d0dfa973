using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace FluxOnnx.Runtime;

/// <summary>
/// Creates ORT tensors from FluxOnnx's managed arrays, checking that the array holds exactly the shape's element count
/// (ORT itself accepts a larger buffer silently), and covers the element types the managed API has no CLR type for:
/// float16/bfloat16 given as raw <see cref="ushort"/> bits and the float8 types given as bytes.
/// </summary>
/// <remarks>
/// <see cref="Wrap{T}"/> shares the array with ORT (pinned until the value is disposed: the caller owns the value and
/// must keep the array unchanged while a run reads it). <see cref="CopyBits{T}"/> copies into an ORT-allocated tensor.
/// </remarks>
public static class OnnxTensors
{
    /// <summary>ONNX TensorProto data types the managed enum lacks (onnx.proto: FLOAT8E4M3FN = 17 … FLOAT8E5M2FNUZ = 20).</summary>
    public const TensorElementType Float8E4M3FN = (TensorElementType)17;

    /// <inheritdoc cref="Float8E4M3FN"/>
    public const TensorElementType Float8E4M3FNUZ = (TensorElementType)18;

    /// <inheritdoc cref="Float8E4M3FN"/>
    public const TensorElementType Float8E5M2 = (TensorElementType)19;

    /// <inheritdoc cref="Float8E4M3FN"/>
    public const TensorElementType Float8E5M2FNUZ = (TensorElementType)20;

    /// <summary>A tensor over <paramref name="data"/> (float, double, long, int, short, sbyte, byte, ushort, bool,
    /// <see cref="Float16"/>, <see cref="BFloat16"/>), sharing its memory.</summary>
    /// <exception cref="TensorSizeMismatchException">The array length is not the shape's element count.</exception>
    public static OrtValue Wrap<T>(T[] data, params long[] shape) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckCount(shape, data.Length);
        return OrtValue.CreateTensorValueFromMemory(data, shape);
    }

    /// <summary>
    /// A tensor of <paramref name="elementType"/> filled with <paramref name="bits"/>' bytes: float16/bfloat16 as
    /// <see cref="ushort"/> bit patterns, float8 as bytes, or any type whose CLR element has the same size.
    /// </summary>
    /// <exception cref="TensorSizeMismatchException">The element count does not match the shape.</exception>
    /// <exception cref="ArgumentException">The CLR element size differs from the ONNX element size.</exception>
    public static OrtValue CopyBits<T>(ReadOnlySpan<T> bits, TensorElementType elementType, params long[] shape) where T : unmanaged
    {
        var size = ElementSize(elementType);
        if (Marshal.SizeOf<T>() != size)
        {
            throw new ArgumentException(
                $"{typeof(T).Name} elements are {Marshal.SizeOf<T>()} bytes; {elementType} elements are {size}.", nameof(bits));
        }
        CheckCount(shape, bits.Length);
        var value = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, elementType, shape);
        MemoryMarshal.AsBytes(bits).CopyTo(value.GetTensorMutableRawData());
        return value;
    }

    /// <summary>Bytes per element of the fixed-size ONNX types.</summary>
    /// <exception cref="ArgumentOutOfRangeException">String or sub-byte types.</exception>
    public static int ElementSize(TensorElementType type) => (int)type switch
    {
        1 or 6 or 12 => 4,                 // float, int32, uint32
        2 or 3 or 9 => 1,                  // uint8, int8, bool
        4 or 5 or 10 or 16 => 2,           // uint16, int16, float16, bfloat16
        7 or 11 or 13 => 8,                // int64, double, uint64
        >= 17 and <= 20 => 1,              // float8 types
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not a fixed-size element type."),
    };

    /// <summary>The lower-case ONNX name FluxOnnx manifests use (float32, float16, bfloat16, int64, …).</summary>
    public static string Name(TensorElementType type) => (int)type switch
    {
        1 => "float32",
        2 => "uint8",
        3 => "int8",
        4 => "uint16",
        5 => "int16",
        6 => "int32",
        7 => "int64",
        8 => "string",
        9 => "bool",
        10 => "float16",
        11 => "float64",
        12 => "uint32",
        13 => "uint64",
        16 => "bfloat16",
        17 => "float8e4m3fn",
        18 => "float8e4m3fnuz",
        19 => "float8e5m2",
        20 => "float8e5m2fnuz",
        _ => type.ToString().ToLowerInvariant(),
    };

    private static void CheckCount(long[] shape, long actual)
    {
        ArgumentNullException.ThrowIfNull(shape);
        long expected = 1;
        foreach (var d in shape)
        {
            if (d < 0)
            {
                throw new TensorSizeMismatchException(shape, -1, actual);
            }
            expected *= d;
        }
        if (expected != actual)
        {
            throw new TensorSizeMismatchException(shape, expected, actual);
        }
    }
}
