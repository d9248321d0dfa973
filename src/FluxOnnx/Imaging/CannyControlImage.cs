namespace FluxOnnx.Imaging;

/// <summary>
/// The conditioning image of FLUX.1 Canny, as flux <c>src/flux/modules/image_embedders.py</c>
/// <c>CannyImageEncoder.__call__</c> builds it from the [−1, 1] image tensor:
/// <c>clamp(-1, 1)</c> → <c>((img + 1.0) * 127.5).numpy().astype(np.uint8)</c> (float32, truncation) →
/// <c>cv2.Canny(img_np, 50, 200)</c> on the 3-channel image → <c>/ 127.5 - 1.0</c> → repeated to 3 channels.
/// The result (−1 off edges, +1 on edges) is what the autoencoder then encodes.
/// </summary>
/// <remarks>
/// The float round trip matters: <c>u / 127.5f − 1f</c> followed by <c>(x + 1f) · 127.5f</c> and truncation gives
/// <c>u − 1</c> for u = 1..63, so Canny sees slightly different pixels than the file holds.
/// <see cref="FromImage"/> reproduces that by going through <see cref="PixelTensors"/>.
/// </remarks>
public static class CannyControlImage
{
    /// <summary>BFL's default thresholds (<c>CannyImageEncoder(min_t=50, max_t=200)</c>).</summary>
    public const int LowThreshold = 50, HighThreshold = 200;

    /// <summary>[3, H, W] in [−1, 1] → [3, H, W] of ±1 edge values.</summary>
    public static float[] FromTensor(ReadOnlySpan<float> chw, int height, int width)
    {
        PixelImage bytes = PixelTensors.FromSignedUnitChw(chw, height, width);
        PixelImage edges = CannyEdgeDetector.Detect(bytes, LowThreshold, HighThreshold);
        int plane = height * width;
        var result = new float[3 * plane];
        for (int i = 0; i < plane; i++)
        {
            float v = (edges.Pixels[i] / 127.5f) - 1f;
            result[i] = v;
            result[plane + i] = v;
            result[(2 * plane) + i] = v;
        }
        return result;
    }

    /// <summary>The control tensor for an RGB image as BFL loads it (<c>x / 127.5 − 1</c>, then <see cref="FromTensor"/>).</summary>
    public static float[] FromImage(PixelImage rgb) => FromTensor(PixelTensors.ToSignedUnitChw(rgb), rgb.Height, rgb.Width);
}
