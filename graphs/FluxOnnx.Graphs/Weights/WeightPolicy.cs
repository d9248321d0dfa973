using FluxOnnx.Graphs.Building;

namespace FluxOnnx.Graphs.Weights;

/// <summary>
/// Storage and compute decisions for weights, applied at the single point where graph code takes a weight and
/// at the single Linear emission point (STYLE habit 9: precision is a policy, never a second copy of a model).
/// <list type="bullet">
/// <item><see cref="FloatWeights"/>: element type of every non-Linear float weight (norm scales, biases, convs).</item>
/// <item><see cref="Linear"/>: how <c>Layers.Linear</c> stores and applies its weight (fp32, bf16 + Cast, fp8 +
/// DequantizeLinear, MatMulNBits, dynamic int8 DynamicQuantizeLinear + MatMulInteger), for scopes that are quantizable (<see cref="WeightScope.NotQuantized"/>).</item>
/// <item><see cref="Activations"/>: Float16 asks for the float16 pass (<c>Passes.Float16Pass</c>) after building;
/// graph I/O stays float32.</item>
/// </list>
/// </summary>
/// <param name="FloatWeights">Element type float weights are stored in.</param>
public sealed record WeightPolicy(ElementType FloatWeights)
{
    public static WeightPolicy Float32 { get; } = new(ElementType.Float);

    /// <summary>How quantizable Linear weights are stored; <see cref="LinearWeightFormat.Float"/> keeps <see cref="FloatWeights"/>.</summary>
    public LinearWeightFormat Linear { get; init; } = LinearWeightFormat.Float;

    /// <summary>Block layout of <see cref="LinearWeightFormat.Int8Blocks"/> / <see cref="LinearWeightFormat.Int4Blocks"/>.</summary>
    public BlockQuantization Blocks { get; init; } = BlockQuantization.Default;

    /// <summary>Activation type between graph input and output: Float, or Float16 (the float16 pass runs after building).</summary>
    public ElementType Activations { get; init; } = ElementType.Float;

    /// <summary>
    /// Produces quantized payloads for fp8, n-bit and dynamic int8 Linear weights (the converter's quantizers, lazy); required
    /// when <see cref="Linear"/> is one of those formats.
    /// </summary>
    public ILinearWeightQuantizer? Quantizer { get; init; }

    /// <summary>
    /// Static activation quantization of quantized Linear inputs: record amax as extra outputs, or apply a recorded
    /// table as QuantizeLinear → DequantizeLinear on fp8 Linears (<see cref="ActivationCalibration"/>); null = none.
    /// </summary>
    public ActivationCalibration? ActivationCalibration { get; init; }

    /// <summary>Run-time LoRA slots on the Linears it targets (<see cref="Layers.LowRankSlot"/>); null = none.</summary>
    public Layers.LoraSlotPolicy? LoraSlots { get; init; }

    /// <summary>The same policy with Linear weights left in float (for components that are never quantized: CLIP, VAE).</summary>
    public WeightPolicy WithoutQuantization() => this with { Linear = LinearWeightFormat.Float, Quantizer = null, ActivationCalibration = null, LoraSlots = null };
}
