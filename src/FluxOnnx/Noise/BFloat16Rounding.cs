namespace FluxOnnx.Noise;

/// <summary>
/// float32 → bfloat16 rounding as <c>c10::BFloat16(float)</c> performs it (pytorch/pytorch <c>c10/util/BFloat16.h</c>
/// <c>round_to_nearest_even</c>): add 0x7FFF plus the lowest kept bit, drop the low 16 bits; NaN becomes 0x7FC0.
/// </summary>
internal static class BFloat16Rounding
{
    /// <summary>Rounds to the nearest bfloat16 (ties to even) and returns it widened back to float32.</summary>
    public static float Round(float value)
    {
        if (float.IsNaN(value))
        {
            return BitConverter.UInt32BitsToSingle(0x7FC00000);
        }
        var bits = BitConverter.SingleToUInt32Bits(value);
        bits += 0x7FFF + ((bits >> 16) & 1);
        return BitConverter.UInt32BitsToSingle(bits & 0xFFFF0000);
    }

    /// <summary>True when <paramref name="value"/> has no bits below the bfloat16 mantissa.</summary>
    public static bool IsExact(float value) => (BitConverter.SingleToUInt32Bits(value) & 0xFFFF) == 0;
}
