namespace FluxOnnx.Converter.Inspection;

/// <summary>Lower-case names of ONNX TensorProto.DataType numbers, as manifests and reports spell them.</summary>
public static class OnnxTypeNames
{
    public static string Of(int dataType) => dataType switch
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
        21 => "uint4",
        22 => "int4",
        23 => "float4e2m1",
        _ => $"type{dataType}",
    };
}
