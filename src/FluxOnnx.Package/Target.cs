namespace FluxOnnx;

/// <summary>
/// The execution target a package's graphs are optimized for (manifest <c>target</c>; spelled by
/// <see cref="PackageNames"/>). cpu, cuda and directml get one fused attention node per block; tensorrt gets the plain
/// MatMul/Softmax pattern, which TensorRT fuses itself.
/// </summary>
public enum Target
{
    Cpu,
    Cuda,
    DirectMl,
    TensorRt,
}
