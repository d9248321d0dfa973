namespace FluxOnnx.Numerics;

/// <summary>
/// Element types a safetensors file can declare (the <c>dtype</c> strings of the format, as written by the
/// huggingface/safetensors <c>Dtype</c> enum). Sizes and the canonical spelling live in <see cref="DTypes"/>.
/// </summary>
public enum DType
{
    /// <summary><c>F64</c>: IEEE binary64, 8 bytes.</summary>
    F64,

    /// <summary><c>F32</c>: IEEE binary32, 4 bytes.</summary>
    F32,

    /// <summary><c>F16</c>: IEEE binary16, 2 bytes.</summary>
    F16,

    /// <summary><c>BF16</c>: bfloat16 (the top half of a binary32), 2 bytes.</summary>
    BF16,

    /// <summary><c>F8_E4M3</c>: float8 E4M3FN (ONNX <c>FLOAT8E4M3FN</c>: no infinities, NaN = S.1111.111), 1 byte.</summary>
    F8_E4M3,

    /// <summary><c>F8_E5M2</c>: float8 E5M2 (ONNX <c>FLOAT8E5M2</c>: IEEE-like, with infinities), 1 byte.</summary>
    F8_E5M2,

    /// <summary><c>I64</c>: signed 64-bit integer.</summary>
    I64,

    /// <summary><c>I32</c>: signed 32-bit integer.</summary>
    I32,

    /// <summary><c>I16</c>: signed 16-bit integer.</summary>
    I16,

    /// <summary><c>I8</c>: signed 8-bit integer.</summary>
    I8,

    /// <summary><c>U8</c>: unsigned 8-bit integer.</summary>
    U8,

    /// <summary><c>BOOL</c>: one byte per element, 0 or 1.</summary>
    BOOL,
}
