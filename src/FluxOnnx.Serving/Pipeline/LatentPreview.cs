using FluxOnnx.Imaging;

namespace FluxOnnx.Serving.Pipeline;

/// <summary>
/// A cheap look at a packed latent during denoising: one pixel per 2×2 latent patch (1/16 of the image's size),
/// latent channels 0, 1, 2 as red, green, blue, each the mean of its patch mapped from [−2, 2] to [0, 255]. It shows
/// where the composition is heading; it is not the VAE's colours.
/// </summary>
internal static class LatentPreview
{
    private const int PackedChannels = 64; // 16 latent channels × 2 × 2, packed as (c, ph, pw)

    /// <summary>
    /// Renders item <paramref name="item"/> of a packed latent [B, (h/2)(w/2), 64]; <paramref name="latentHeight"/>
    /// and <paramref name="latentWidth"/> are h and w (image size / 8). Returns PNG bytes.
    /// </summary>
    public static byte[] Render(ReadOnlySpan<float> packed, int item, int latentHeight, int latentWidth)
    {
        int rows = latentHeight / 2, cols = latentWidth / 2, tokens = rows * cols;
        var item0 = packed.Slice(item * tokens * PackedChannels, tokens * PackedChannels);
        var pixels = new byte[tokens * 3];
        for (var t = 0; t < tokens; t++)
        {
            for (var c = 0; c < 3; c++)
            {
                var patch = item0.Slice(t * PackedChannels + c * 4, 4);
                var mean = (patch[0] + patch[1] + patch[2] + patch[3]) / 4f;
                pixels[t * 3 + c] = (byte)Math.Clamp((mean + 2f) * (255f / 4f), 0f, 255f);
            }
        }
        return PngEncoder.Encode(new PixelImage(cols, rows, 3, pixels));
    }
}
