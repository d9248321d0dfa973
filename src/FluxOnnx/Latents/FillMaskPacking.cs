namespace FluxOnnx.Latents;

/// <summary>
/// FLUX.1 Fill mask conditioning (black-forest-labs/flux <c>src/flux/sampling.py</c> <c>prepare_fill</c>): a pixel mask
/// [B, H, W] becomes 8×8 space-to-depth [B, 64, H/8, W/8] (<c>"b (h ph) (w pw) -> b (ph pw) h w"</c>, ph = pw = 8), then
/// the usual 2×2 packing [B, (H/16)(W/16), 256].
/// </summary>
/// <remarks>
/// Packed mask channel k of token (h2, w2): c, r = divmod(k, 4); ph, pw = divmod(r, 2); py, px = divmod(c, 8);
/// value = mask[(2·h2 + ph)·8 + py, (2·w2 + pw)·8 + px]. Mask values are 1 where the image is to be filled
/// (pixels / 255 in the reference).
/// </remarks>
public static class FillMaskPacking
{
    /// <summary>Autoencoder downsampling factor, the space-to-depth block edge.</summary>
    public const int Block = 8;

    /// <summary>Channels of the packed mask: 8·8 space-to-depth channels × 2·2 patch.</summary>
    public const int PackedChannels = Block * Block * LatentPacking.Patch * LatentPacking.Patch;

    /// <summary>
    /// Space-to-depth: [B, H, W] → [B, 64, H/8, W/8] with channel py·8 + px holding mask[8h + py, 8w + px].
    /// </summary>
    public static float[] SpaceToDepth(ReadOnlySpan<float> mask, int batch, int height, int width)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batch);
        if (height % Block != 0 || width % Block != 0 || mask.Length != batch * height * width)
        {
            throw new ArgumentException(
                $"Mask of {mask.Length} values cannot be [{batch}, {height}, {width}] with height and width multiples of {Block}.");
        }
        int hb = height / Block, wb = width / Block;
        var result = new float[mask.Length];
        for (var b = 0; b < batch; b++)
        {
            var srcBase = b * height * width;
            var dstBase = b * Block * Block * hb * wb;
            for (var py = 0; py < Block; py++)
            {
                for (var px = 0; px < Block; px++)
                {
                    var channelBase = dstBase + (py * Block + px) * hb * wb;
                    for (var h = 0; h < hb; h++)
                    {
                        for (var w = 0; w < wb; w++)
                        {
                            result[channelBase + h * wb + w] = mask[srcBase + (h * Block + py) * width + w * Block + px];
                        }
                    }
                }
            }
        }
        return result;
    }

    /// <summary>
    /// [B, H, W] pixel mask → packed [B, (H/16)(W/16), 256]: <see cref="SpaceToDepth"/> then
    /// <see cref="LatentPacking.Pack(ReadOnlySpan{float}, int, int, int, int)"/>. H and W must be multiples of 16.
    /// </summary>
    public static float[] Pack(ReadOnlySpan<float> mask, int batch, int height, int width)
    {
        var depth = SpaceToDepth(mask, batch, height, width); // [B, 64, H/8, W/8]
        return LatentPacking.Pack(depth, batch, Block * Block, height / Block, width / Block); // [B, S, 256]
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
