namespace FluxOnnx.Latents;

/// <summary>
/// RoPE position ids of FLUX tokens (black-forest-labs/flux <c>src/flux/sampling.py</c> <c>prepare</c>;
/// Kontext reference tokens from <c>prepare_kontext</c>). Returned in the 2-D graph form [S, 3] float32; the batched
/// reference form [B, S, 3] repeats it per item.
/// </summary>
public static class PositionIds
{
    /// <summary>Id columns: (first axis, row, column).</summary>
    public const int Axes = 3;

    /// <summary>First-axis value of target image tokens.</summary>
    public const int TargetImageAxis = 0;

    /// <summary>First-axis value of Kontext reference-image tokens (appended after the target tokens).</summary>
    public const int KontextReferenceAxis = 1;

    /// <summary>
    /// [rows·cols, 3] with row i·cols + j = (<paramref name="firstAxis"/>, i, j); rows = H_latent/2, cols = W_latent/2.
    /// </summary>
    public static float[] ImageIds(int rows, int cols, int firstAxis = TargetImageAxis)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cols);
        var ids = new float[rows * cols * Axes];
        var k = 0;
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < cols; j++)
            {
                ids[k++] = firstAxis;
                ids[k++] = i;
                ids[k++] = j;
            }
        }
        return ids;
    }

    /// <summary>Text ids: [<paramref name="tokens"/>, 3] zeros (T5 tokens, and Redux tokens appended after them).</summary>
    public static float[] TextIds(int tokens)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tokens);
        return new float[tokens * Axes];
    }

    /// <summary>Concatenates id tables along the token axis ([S1, 3] ++ [S2, 3] ++ ...), e.g. target then Kontext reference.</summary>
    public static float[] Concat(params ReadOnlySpan<float[]> idTables)
    {
        var total = 0;
        foreach (var table in idTables)
        {
            if (table.Length % Axes != 0)
            {
                throw new ArgumentException($"An id table has {table.Length} values, not a multiple of {Axes}.", nameof(idTables));
            }
            total += table.Length;
        }
        var result = new float[total];
        var offset = 0;
        foreach (var table in idTables)
        {
            table.CopyTo(result, offset);
            offset += table.Length;
        }
        return result;
    }
}
