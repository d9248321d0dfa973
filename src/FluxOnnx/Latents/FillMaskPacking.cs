namespace FluxOnnx.Latents;

/// <summary>
/// FLUX.1 Fill mask conditioning (black-forest-labs/flux <c>src/flux/sampling.py</c> <c>prepare_fill</c>): a pixel mask
/// [B, H, W] becomes d×d space-to-depth [B, d², H/d, W/d] (<c>"b (h ph) (w pw) -> b (ph pw) h w"</c>, ph = pw = d, the
/// autoencoder's downsample: 8 for FLUX.1's ae), then the usual 2×2 packing [B, (H/2d)(W/2d), 4d²] (256 at d = 8).
/// </summary>
/// <remarks>
/// Packed mask channel k of token (h2, w2): c, r = divmod(k, 4); ph, pw = divmod(r, 2); py, px = divmod(c, d);
/// value = mask[(2·h2 + ph)·d + py, (2·w2 + pw)·d + px]. Mask values are 1 where the image is to be filled
/// (pixels / 255 in the reference).
/// </remarks>
public static class FillMaskPacking
{
    /// <summary>Channels of the packed mask: <paramref name="block"/>² space-to-depth channels × 2·2 patch (256 for FLUX.1's block 8).</summary>
    /// <param name="block">The space-to-depth block edge, the autoencoder's downsample (the manifest's LatentSpace.Downsample).</param>
    public static int PackedChannels(int block) => block * block * LatentPacking.Patch * LatentPacking.Patch;

    /// <summary>
    /// Space-to-depth: [B, H, W] → [B, d², H/d, W/d] with channel py·d + px holding mask[d·h + py, d·w + px], d =
    /// <paramref name="block"/>.
    /// </summary>
    public static float[] SpaceToDepth(ReadOnlySpan<float> mask, int batch, int height, int width, int block)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batch);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(block);
        if (height % block != 0 || width % block != 0 || mask.Length != batch * height * width)
        {
            throw new ArgumentException(
                $"Mask of {mask.Length} values cannot be [{batch}, {height}, {width}] with height and width multiples of {block}.");
        }
        int hb = height / block, wb = width / block;
        var result = new float[mask.Length];
        for (var b = 0; b < batch; b++)
        {
            var srcBase = b * height * width;
            var dstBase = b * block * block * hb * wb;
            for (var py = 0; py < block; py++)
            {
                for (var px = 0; px < block; px++)
                {
                    var channelBase = dstBase + (py * block + px) * hb * wb;
                    for (var h = 0; h < hb; h++)
                    {
                        for (var w = 0; w < wb; w++)
                        {
                            result[channelBase + h * wb + w] = mask[srcBase + (h * block + py) * width + w * block + px];
                        }
                    }
                }
            }
        }
        return result;
    }

    /// <summary>
    /// [B, H, W] pixel mask → packed [B, (H/2d)(W/2d), 4d²]: <see cref="SpaceToDepth"/> then
    /// <see cref="LatentPacking.Pack(ReadOnlySpan{float}, int, int, int, int)"/>. H and W must be multiples of 2d
    /// (d = <paramref name="block"/>, the autoencoder's downsample; FLUX.1: [B, (H/16)(W/16), 256]).
    /// </summary>
    public static float[] Pack(ReadOnlySpan<float> mask, int batch, int height, int width, int block)
    {
        var depth = SpaceToDepth(mask, batch, height, width, block); // [B, d², H/d, W/d]
        return LatentPacking.Pack(depth, batch, block * block, height / block, width / block); // [B, S, 4d²]
    }

    /// <summary>Converts 8-bit mask pixels (255 = fill) to the reference's float mask, pixel / 255 in float32.</summary>
    public static float[] FromBytes(ReadOnlySpan<byte> pixels)
    {
        var result = new float[pixels.Length];
        for (var i = 0; i < pixels.Length; i++)
        {
            result[i] = pixels[i] / 255f;
        }
        return result;
    }
}
