using FluxOnnx.Converter.Safetensors;
using FluxOnnx.Converter.Numerics;
using FluxOnnx.Runtime;
using Microsoft.ML.OnnxRuntime;

namespace FluxOnnx.Tools.Debugging;

/// <summary>
/// Turns one safetensors tensor into an <see cref="OrtValue"/> of the graph input's declared type. Floats
/// convert between float types (narrowing rounds to nearest even); integers and bools convert only losslessly,
/// each value range-checked, so an id that does not fit int32 is an error rather than a silent wrap.
/// </summary>
internal static class InputTensorLoader
{
    public static OrtValue Load(ISafetensorsSource file, SafetensorsTensorInfo info, string name, NodeMetadata input)
    {
        CheckShape(file.FilePath, info, input);
        var shape = info.Shape.ToArray();
        var count = checked((int)info.ElementCount);
        if (info.DType.IsFloatingPoint())
        {
            var floats = new float[count];
            file.ReadAsFloat32(info.Name, floats);
            return input.ElementDataType.ToElementType() switch
            {
                ElementType.Float => OnnxTensors.Wrap(floats, shape),
                ElementType.Float16 => Narrow(floats, shape, ElementType.Float16, Float16Conversion.FromSingle),
                ElementType.BFloat16 => Narrow(floats, shape, ElementType.BFloat16, BFloat16Conversion.FromSingle),
                _ => throw Mismatch(file, info, input),
            };
        }
        var values = ReadIntegers(file, info);
        return input.ElementDataType.ToElementType() switch
        {
            ElementType.Int64 => OnnxTensors.Wrap(values, shape),
            ElementType.Int32 => OnnxTensors.Wrap(Fit(file, info, values, int.MinValue, int.MaxValue, v => (int)v), shape),
            ElementType.Int16 => OnnxTensors.Wrap(Fit(file, info, values, short.MinValue, short.MaxValue, v => (short)v), shape),
            ElementType.Int8 => OnnxTensors.Wrap(Fit(file, info, values, sbyte.MinValue, sbyte.MaxValue, v => (sbyte)v), shape),
            ElementType.UInt8 => OnnxTensors.Wrap(Fit(file, info, values, byte.MinValue, byte.MaxValue, v => (byte)v), shape),
            ElementType.Bool => OnnxTensors.Wrap(Fit(file, info, values, 0, 1, v => v != 0), shape),
            _ => throw Mismatch(file, info, input),
        };
    }

    private static OrtValue Narrow(float[] floats, long[] shape, ElementType type, SpanConverter convert)
    {
        var bits = new ushort[floats.Length];
        convert(floats, bits);
        return OnnxTensors.CopyBits<ushort>(bits, type, shape);
    }

    private delegate void SpanConverter(ReadOnlySpan<float> source, Span<ushort> destination);

    private static long[] ReadIntegers(ISafetensorsSource file, SafetensorsTensorInfo info)
    {
        var bytes = file.GetBytes(info.Name);
        var values = new long[info.ElementCount];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = info.DType switch
            {
                ElementType.Int64 => BitConverter.ToInt64(bytes.Slice(i * 8, 8)),
                ElementType.Int32 => BitConverter.ToInt32(bytes.Slice(i * 4, 4)),
                ElementType.Int16 => BitConverter.ToInt16(bytes.Slice(i * 2, 2)),
                ElementType.Int8 => (sbyte)bytes[i],
                ElementType.UInt8 or ElementType.Bool => bytes[i],
                _ => throw new ComponentInputException(file.FilePath, info.Name, "unsupported dtype", "a float or integer dtype", info.DType.SafetensorsName()),
            };
        }
        return values;
    }

    private static T[] Fit<T>(ISafetensorsSource file, SafetensorsTensorInfo info, long[] values, long min, long max, Func<long, T> cast)
    {
        var result = new T[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] < min || values[i] > max)
            {
                throw new ComponentInputException(file.FilePath, info.Name, $"element {i} does not fit the declared integer type",
                    $"a value in [{min}, {max}]", values[i].ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            result[i] = cast(values[i]);
        }
        return result;
    }

    private static void CheckShape(string path, SafetensorsTensorInfo info, NodeMetadata input)
    {
        var dims = input.Dimensions;
        var declared = "[" + string.Join(", ", dims.Select((d, i) => d >= 0 ? d.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : input.SymbolicDimensions[i] is { Length: > 0 } s ? s : "?")) + "]";
        if (info.Shape.Length != dims.Length)
        {
            throw new ComponentInputException(path, info.Name, "rank differs from the graph input", declared, info.ShapeText);
        }
        for (var axis = 0; axis < info.Shape.Length; axis++)
        {
            if (dims[axis] >= 0 && dims[axis] != info.Shape[axis])
            {
                throw new ComponentInputException(path, info.Name, $"dimension {axis} differs from the graph input", declared, info.ShapeText);
            }
        }
    }

    private static ComponentInputException Mismatch(ISafetensorsSource file, SafetensorsTensorInfo info, NodeMetadata input) =>
        new(file.FilePath, info.Name, "dtype cannot be converted to the graph input's type",
            input.ElementDataType.ToElementType().Name(), info.DType.SafetensorsName());
}
