namespace FluxOnnx.Latents;

/// <summary>
/// FLUX 2×2 patch packing (black-forest-labs/flux <c>src/flux/sampling.py</c> <c>prepare</c> / <c>unpack</c>, einops
/// <c>"b c (h ph) (w pw) -> b (h w) (c ph pw)"</c> with ph = pw = 2) and its exact inverse.
/// </summary>
/// <remarks>
/// <code>
///  latent [B, C, H, W]                       packed [B, (H/2)·(W/2), C·4]
///  ┌─────────┐  2×2 patch at (2i, 2j)  ──►  token  i·(W/2) + j   (row-major)
///  │ a b     │                               channel c·4 + ph·2 + pw
///  │ c d ... │
/// </code>
/// Pure data movement: values are copied, never changed. C is 16 for latents, 1 of the 64 space-to-depth mask
/// channels, etc.; H and W must be even.
/// </remarks>
public static class LatentPacking
{
    /// <summary>Patch edge of the packing.</summary>
    public const int Patch = 2;

    /// <summary>Packs [B, C, H, W] into a new [B, (H/2)(W/2), 4C] array.</summary>
    public static float[] Pack(ReadOnlySpan<float> latent, int batch, int channels, int height, int width)
    {
        var packed = new float[latent.Length];
        Pack(latent, batch, channels, height, width, packed);
        return packed;
    }

    /// <summary>Packs [B, C, H, W] (row-major) into <paramref name="packed"/> [B, (H/2)(W/2), 4C].</summary>
    public static void Pack(ReadOnlySpan<float> latent, int batch, int channels, int height, int width, Span<float> packed)
    {
        CheckShape(latent.Length, packed.Length, batch, channels, height, width);
        int h2 = height / Patch, w2 = width / Patch;
        var dst = 0;
        // packed[b, i*w2 + j, c*4 + ph*2 + pw] = latent[b, c, 2i + ph, 2j + pw]; destination written sequentially.
        for (var b = 0; b < batch; b++)
        {
            var batchBase = b * channels * height * width;
            for (var i = 0; i < h2; i++)
            {
                for (var j = 0; j < w2; j++)
                {
                    for (var c = 0; c < channels; c++)
                    {
                        var src = batchBase + (c * height + Patch * i) * width + Patch * j;
                        packed[dst++] = latent[src];
                        packed[dst++] = latent[src + 1];
                        packed[dst++] = latent[src + width];
                        packed[dst++] = latent[src + width + 1];
                    }
                }
            }
        }
    }

    /// <summary>Unpacks [B, (H/2)(W/2), 4C] into a new [B, C, H, W] array (<c>unpack</c>).</summary>
    public static float[] Unpack(ReadOnlySpan<float> packed, int batch, int channels, int height, int width)
    {
        var latent = new float[packed.Length];
        Unpack(packed, batch, channels, height, width, latent);
        return latent;
    }

    /// <summary>
    /// Inverse of <see cref="Pack(ReadOnlySpan{float}, int, int, int, int, Span{float})"/>: [B, (H/2)(W/2), 4C] →
    /// [B, C, H, W]. H and W are the latent size (BFL passes pixel size and uses 2·ceil(px/16)).
    /// </summary>
    public static void Unpack(ReadOnlySpan<float> packed, int batch, int channels, int height, int width, Span<float> latent)
    {
        CheckShape(latent.Length, packed.Length, batch, channels, height, width);
        int h2 = height / Patch, w2 = width / Patch;
        var src = 0;
        for (var b = 0; b < batch; b++)
        {
            var batchBase = b * channels * height * width;
            for (var i = 0; i < h2; i++)
            {
                for (var j = 0; j < w2; j++)
                {
                    for (var c = 0; c < channels; c++)
                    {
                        var dst = batchBase + (c * height + Patch * i) * width + Patch * j;
                        latent[dst] = packed[src++];
                        latent[dst + 1] = packed[src++];
                        latent[dst + width] = packed[src++];
                        latent[dst + width + 1] = packed[src++];
                    }
                }
            }
        }
    }

    /// <summary>Number of packed tokens (H/2)·(W/2) for a latent of <paramref name="height"/> × <paramref name="width"/>.</summary>
    public static int TokenCount(int height, int width) => height / Patch * (width / Patch);

    private static void CheckShape(int latentLength, int packedLength, int batch, int channels, int height, int width)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batch);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        if (height % Patch != 0 || width % Patch != 0)
        {
            throw new ArgumentException($"Latent height {height} and width {width} must both be even for 2x2 packing.");
        }
        long expected = (long)batch * channels * height * width;
        if (latentLength != expected || packedLength != expected)
        {
            throw new ArgumentException(
                $"Expected {expected} elements for [{batch}, {channels}, {height}, {width}] but got latent {latentLength}, packed {packedLength}.");
        }
    }
}
