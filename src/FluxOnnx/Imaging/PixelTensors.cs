namespace FluxOnnx.Imaging;

/// <summary>
/// Conversions between 8-bit images and the float32 tensors the autoencoder and Fill conditioning use, bit-exact
/// with black-forest-labs/flux. All arithmetic is float32, as torch does on float32 tensors with Python scalars.
/// </summary>
public static class PixelTensors
{
    /// <summary>
    /// RGB pixels → float32 [3, H, W] in [−1, 1]: <c>x / 127.5f − 1f</c> per sample, a true float32 division (not a
    /// multiply by the reciprocal, which differs for 3, 6, 7, 12, …). Source: flux <c>src/flux/sampling.py</c>
    /// <c>prepare_fill</c> / <c>prepare_control</c>: <c>torch.from_numpy(np.array(img)).float() / 127.5 - 1.0</c>,
    /// then <c>rearrange(img, "h w c -> 1 c h w")</c>. The fixtures' <c>x</c> tensors match this exactly.
    /// </summary>
    /// <param name="rgb">A 3-channel image; convert others with <see cref="PixelImage.ToRgb"/> first (PIL <c>convert("RGB")</c>).</param>
    public static float[] ToSignedUnitChw(PixelImage rgb)
    {
        ArgumentNullException.ThrowIfNull(rgb);
        if (rgb.Channels != 3)
        {
            throw new ArgumentException($"expected an RGB image (3 channels), got {rgb.Channels}; call ToRgb() first", nameof(rgb));
        }
        int plane = rgb.Width * rgb.Height;
        var chw = new float[3 * plane];
        byte[] px = rgb.Pixels;
        for (int i = 0; i < plane; i++)
        {
            chw[i] = (px[3 * i] / 127.5f) - 1f;
            chw[plane + i] = (px[(3 * i) + 1] / 127.5f) - 1f;
            chw[(2 * plane) + i] = (px[(3 * i) + 2] / 127.5f) - 1f;
        }
        return chw;
    }

    /// <summary>
    /// float32 [3, H, W] (one image, batch dimension removed) → RGB pixels, as flux <c>src/flux/util.py</c>
    /// <c>save_image</c>: <c>x.clamp(-1, 1)</c>, then <c>(127.5 * (x + 1.0)).byte()</c> — float32 add and multiply,
    /// then truncation toward zero. So −1 → 0, 0 → 127, 1 → 255, and 0.99 → 253 (253.72… truncated). NaN maps to 0.
    /// </summary>
    public static PixelImage FromSignedUnitChw(ReadOnlySpan<float> chw, int height, int width)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        int plane = height * width;
        if (chw.Length != 3 * plane)
        {
            throw new ArgumentException($"tensor holds {chw.Length} values but [3, {height}, {width}] needs {3 * plane}", nameof(chw));
        }
        var px = new byte[3 * plane];
        for (int c = 0; c < 3; c++)
        {
            ReadOnlySpan<float> src = chw.Slice(c * plane, plane);
            for (int i = 0; i < plane; i++)
            {
                px[(3 * i) + c] = ToByte(src[i]);
            }
        }
        return new PixelImage(width, height, 3, px);
    }

    /// <summary>One value of <see cref="FromSignedUnitChw"/>: clamp(−1, 1), 127.5f·(x + 1f), truncate.</summary>
    public static byte ToByte(float x)
    {
        if (float.IsNaN(x))
        {
            return 0;
        }
        float clamped = Math.Clamp(x, -1f, 1f);
        float scaled = 127.5f * (clamped + 1f);
        return (byte)(int)scaled;
    }

    /// <summary>
    /// Fill mask image → float32 [H, W] in [0, 1], white = 1 = area to fill: PIL <c>convert("L")</c>
    /// (see <see cref="PixelImage.ToGray"/>), then <c>/ 255.0</c> in float32. Source: flux <c>src/flux/sampling.py</c>
    /// <c>prepare_fill</c>: <c>mask = Image.open(mask_path).convert("L")</c>; <c>torch.from_numpy(np.array(mask)).float() / 255.0</c>.
    /// </summary>
    public static float[] ToMask(PixelImage mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        byte[] gray = mask.ToGray().Pixels;
        var m = new float[gray.Length];
        for (int i = 0; i < gray.Length; i++)
        {
            m[i] = gray[i] / 255f;
        }
        return m;
    }
}
