using System.Text.Json.Serialization;

namespace FluxOnnx.Packaging;

/// <summary>
/// How one component's quantized Linears compute, as the converter emitted them.
/// <list type="bullet">
/// <item><c>nbits</c>: com.microsoft MatMulNBits with <see cref="Bits"/> 4 or 8, blocks of <see cref="BlockSize"/>
/// along K, <see cref="Symmetric"/> (no stored zero points) or not, and MatMulNBits <see cref="AccuracyLevel"/>.</item>
/// <item><c>dynamic</c>: INT8 weights symmetric per output channel, activations quantized to UINT8 per tensor at run
/// time (DynamicQuantizeLinear → MatMulInteger); the block members are absent.</item>
/// </list>
/// </summary>
/// <param name="Form"><c>nbits</c> or <c>dynamic</c>.</param>
/// <param name="Bits">Weight bits: 4 or 8.</param>
/// <param name="BlockSize">Block size along K (nbits only).</param>
/// <param name="Symmetric">No stored zero points (nbits only).</param>
/// <param name="AccuracyLevel">MatMulNBits accuracy_level (nbits only).</param>
public sealed record LinearQuantization(
    string Form,
    int Bits,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? BlockSize = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Symmetric = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? AccuracyLevel = null);
