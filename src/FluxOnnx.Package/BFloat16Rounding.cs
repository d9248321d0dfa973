namespace FluxOnnx;

/// <summary>
/// float32 → bfloat16 rounding as <c>c10::BFloat16(float)</c> performs it (pytorch/pytorch <c>c10/util/BFloat16.h</c>
/// <c>round_to_nearest_even</c>): add 0x7FFF plus the lowest kept bit, drop the low 16 bits; NaN becomes 0x7FC0.
/// The one scalar copy of the rule: the graph builder's bfloat16 constants, the runtime's bf16 noise and the
/// converter's bfloat16 conversion all round through it.
/// </summary>
public static class BFloat16Rounding
{
    /// <summary>The canonical quiet NaN torch writes for any NaN input.</summary>
    public const ushort NaNBits = 0x7FC0;

    /// <summary>Rounds to the nearest bfloat16 (ties to even) and returns its bits.</summary>
    public static ushort ToBits(float value)
    {
        if (float.IsNaN(value))
        {
            return NaNBits;
        }
        var bits = BitConverter.SingleToUInt32Bits(value);
        return (ushort)((bits + 0x7FFF + ((bits >> 16) & 1)) >> 16);
    }

    /// <summary>Rounds to the nearest bfloat16 (ties to even) and returns it widened back to float32.</summary>
    public static float Round(float value) => BitConverter.UInt32BitsToSingle((uint)ToBits(value) << 16);
}
