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
    public static OrtValue CopyBits<T>(ReadOnlySpan<T> bits, ElementType elementType, params long[] shape) where T : unmanaged
    {
        var size = elementType.ByteSize();
        if (Marshal.SizeOf<T>() != size)
        {
            throw new ArgumentException(
                $"{typeof(T).Name} elements are {Marshal.SizeOf<T>()} bytes; {elementType} elements are {size}.", nameof(bits));
        }
        CheckCount(shape, bits.Length);
        var value = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, elementType.ToOrt(), shape);
        MemoryMarshal.AsBytes(bits).CopyTo(value.GetTensorMutableRawData());
        return value;
    }

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
