namespace FluxOnnx.Converter.Conversion;

/// <summary>
/// The execution target a package is optimized for. cpu, cuda and directml get one fused attention node per
/// block; tensorrt gets the plain MatMul/Softmax pattern, which TensorRT fuses itself.
/// </summary>
public enum ConversionTarget
{
    Cpu,
    Cuda,
    DirectMl,
    TensorRt,
}
