namespace FluxOnnx.Converter.Conversion;

/// <summary>
/// Options of the int8 / int4 precisions (ignored by the others): MatMulNBits block size along K (16 to 256, a
/// power of two), symmetric blocks (no stored zero points; implicit 8 for int4, 128 for int8) or min/max blocks
/// with zero points, and MatMulNBits <c>accuracy_level</c> (0 = fp32 compute; 4 = int8 compute on CPU); for int8,
/// the form of the transformer's Linears (<see cref="Int8Form"/>).
/// </summary>
/// <remarks>
/// Default accuracy_level 4: on ORT 1.30 CPU, MatMulNBits at level 0 dequantizes to fp32 and is no faster than
/// fp32 MatMul (ENVIRONMENT.md), while level 4 quantizes activations per block to int8 and uses the int8 kernels
/// (bench/FluxOnnx.Bench/Precision: int4 one step 1.6 s vs 3.4 s at level 0, real width, 2 threads). On the
/// tiny fixture the cosine to the reference moves from 0.998695 to 0.998675 (int4) and 0.999995 to 0.999985 (int8).
/// </remarks>
public sealed record QuantizationOptions(int BlockSize = 32, bool Symmetric = true, int AccuracyLevel = 4)
{
    public static QuantizationOptions Default { get; } = new();

    /// <summary>
    /// Form of the transformer's int8 Linears (int8 only); null = by target (<see cref="Int8FormFor"/>). T5 keeps
    /// MatMulNBits in either form: its activations were not measured under per-tensor dynamic quantization.
    /// </summary>
    public Int8Form? Int8Form { get; init; }

    /// <summary>
    /// The form for <paramref name="target"/>: the one asked for, else dynamic int8 on cpu and MatMulNBits elsewhere.
    /// Issue 14's rule is the fastest form that holds cosine ≥ 0.995: on ORT 1.32 CPU the dynamic form (fused into
    /// DynamicQuantizeMatMul) was faster than MatMulNBits 8-bit in every round of `bench -- targets` (README Targets)
    /// and scores cosine 0.999980 to the reference on the tiny fixture (MatMulNBits 0.999985). On cuda, directml and
    /// tensorrt it is not measured, so they keep MatMulNBits.
    /// </summary>
    public Int8Form Int8FormFor(Target target) =>
        Int8Form ?? (target == Target.Cpu ? Conversion.Int8Form.Dynamic : Conversion.Int8Form.MatMulNBits);
}
