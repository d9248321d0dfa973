using FluxOnnx.Converter.Quantization;
using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Weights;

namespace FluxOnnx.Converter.Conversion;

/// <summary>
/// Maps a <see cref="Precision"/> to the weight policy applied at the graphs' single Linear emission point, and
/// decides which components a precision reaches:
/// <list type="table">
/// <item><term>fp32</term><description>reference.</description></item>
/// <item><term>fp16</term><description>float32 build, then <c>Passes.Float16Pass</c> on every component, keeping in
/// float32 the nodes graph code tagged with <c>GraphBuilder.KeepFloat32</c>; graph I/O stays float32.</description></item>
/// <item><term>bf16</term><description>transformer and T5 Linear weights stored bf16, Cast to float32 (folded by
/// ORT at session init: disk halves, run-time memory does not).</description></item>
/// <item><term>fp8</term><description>transformer and T5 Linear weights E4M3FN per output channel through
/// DequantizeLinear (weight-only); a ComfyUI scaled-fp8 payload is kept as stored.</description></item>
/// <item><term>int8 / int4</term><description>transformer and T5 Linear weights as MatMulNBits, blocks of
/// <see cref="QuantizationOptions.BlockSize"/> (default 32), symmetric by default (implicit zero point 8 / 128),
/// accuracy_level from the options (default 4: int8 compute on CPU). With <see cref="Int8Form.Dynamic"/> the
/// transformer's int8 Linears are dynamic int8 instead (INT8 per output channel, activations quantized at run time);
/// T5 keeps MatMulNBits (<see cref="ForT5"/>).</description></item>
/// </list>
/// CLIP and the VAE are never quantized (small, and CLIP's pooled output and the VAE's convolutions are
/// sensitive): they stay fp32 under bf16/fp8/int8/int4 and follow fp16 only. Inside the transformer the embedders
/// and final_layer are never quantized (FLUX-FACTS; their scopes are <c>NotQuantized</c>).
/// </summary>
public static class WeightPolicies
{
    /// <exception cref="ConversionException">A number outside <see cref="Precision"/>, or invalid block options.</exception>
    public static WeightPolicy For(Precision precision, QuantizationOptions? options = null, Target target = Target.Cpu)
    {
        options ??= QuantizationOptions.Default;
        var blocks = new BlockQuantization(options.BlockSize, options.Symmetric, options.AccuracyLevel);
        try
        {
            blocks.Validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw e.ParamName == nameof(BlockQuantization.AccuracyLevel)
                ? new ConversionException("Quantization.AccuracyLevel", "0 to 4", Format(options.AccuracyLevel))
                : new ConversionException("Quantization.BlockSize", "a power of two from 16 to 256", Format(options.BlockSize));
        }
        if (options.Int8Form is { } asked && !Enum.IsDefined(asked))
        {
            throw new ConversionException("Quantization.Int8Form", $"one of {string.Join(", ", Int8FormNames.All)}", Format((int)asked));
        }
        var quantized = WeightPolicy.Float32 with { Quantizer = LinearWeightQuantizer.Instance, Blocks = blocks };
        return precision switch
        {
            Precision.Fp32 => WeightPolicy.Float32,
            Precision.Fp16 => WeightPolicy.Float32 with { Activations = ElementType.Float16 },
            Precision.Bf16 => WeightPolicy.Float32 with { Linear = LinearWeightFormat.BFloat16 },
            Precision.Fp8 => quantized with { Linear = LinearWeightFormat.Float8E4M3FN },
            Precision.Int8 => quantized with
            {
                Linear = options.Int8FormFor(target) == Int8Form.Dynamic ? LinearWeightFormat.Int8Dynamic : LinearWeightFormat.Int8Blocks,
            },
            Precision.Int4 => quantized with { Linear = LinearWeightFormat.Int4Blocks },
            _ => throw new ConversionException(nameof(ConvertRequest.Precision), $"one of {string.Join(", ", PackageNames.Precisions)}",
                Format((int)precision)),
        };
    }

    /// <summary>
    /// The policy for T5 given the transformer's: the same, except that dynamic int8 becomes MatMulNBits 8-bit
    /// (T5's activations under per-tensor dynamic quantization are not measured here).
    /// </summary>
    public static WeightPolicy ForT5(WeightPolicy policy) =>
        policy.Linear == LinearWeightFormat.Int8Dynamic ? policy with { Linear = LinearWeightFormat.Int8Blocks } : policy;

    private static string Format(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
