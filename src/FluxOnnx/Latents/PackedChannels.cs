namespace FluxOnnx.Latents;

/// <summary>
/// Channel-wise concatenation of packed token tensors ([B, S, C1] ++ [B, S, C2] → [B, S, C1 + C2]), as
/// <c>torch.cat((a, b), dim=-1)</c> does for the Fill / Canny / Depth conditioning (<c>img_cond</c>) and for
/// <c>cat(img, img_cond)</c> at every denoising step.
/// </summary>
public static class PackedChannels
{
    /// <summary>Concatenates <paramref name="parts"/> along the last axis; all parts hold <paramref name="rows"/> = B·S rows.</summary>
    public static float[] Concat(int rows, params ReadOnlySpan<float[]> parts)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        var widths = new int[parts.Length];
        var total = 0;
        for (var p = 0; p < parts.Length; p++)
        {
            if (parts[p].Length % rows != 0)
            {
                throw new ArgumentException($"Part {p} has {parts[p].Length} values, not a multiple of {rows} rows.", nameof(parts));
            }
            widths[p] = parts[p].Length / rows;
            total += widths[p];
        }
        var result = new float[rows * total];
        Concat(rows, parts, widths, result);
        return result;
    }

    /// <summary>
    /// Writes [rows, Σ widths] into <paramref name="destination"/>; part p is [rows, widths[p]]. Reusable buffer form for
    /// the per-step model input.
    /// </summary>
    public static void Concat(int rows, ReadOnlySpan<float[]> parts, ReadOnlySpan<int> widths, Span<float> destination)
    {
        if (parts.Length != widths.Length)
        {
            throw new ArgumentException($"{parts.Length} parts but {widths.Length} widths.", nameof(widths));
        }
        var total = 0;
        for (var p = 0; p < parts.Length; p++)
        {
            if (parts[p].Length != rows * widths[p])
            {
                throw new ArgumentException(
                    $"Part {p} has {parts[p].Length} values; expected [{rows}, {widths[p]}].", nameof(parts));
            }
            total += widths[p];
        }
        if (destination.Length != rows * total)
        {
            throw new ArgumentException($"Destination has {destination.Length} values; expected [{rows}, {total}].", nameof(destination));
        }
        for (var r = 0; r < rows; r++)
        {
            var offset = r * total;
            for (var p = 0; p < parts.Length; p++)
            {
                parts[p].AsSpan(r * widths[p], widths[p]).CopyTo(destination.Slice(offset, widths[p]));
                offset += widths[p];
            }
        }
    }
}
