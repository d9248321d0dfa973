using FluxOnnx.Imaging;

namespace FluxOnnx.Serving.Pipeline;

/// <summary>
/// A cheap look at a packed latent during denoising: one pixel per 2×2 latent patch (1/(2·downsample) of the image's size),
/// latent channels 0, 1, 2 as red, green, blue, each the mean of its patch mapped from [−2, 2] to [0, 255]. It shows
/// where the composition is heading; it is not the VAE's colours.
/// </summary>
internal static class LatentPreview
{
    /// <summary>
    /// Renders item <paramref name="item"/> of a packed latent [B, (h/2)(w/2), C·4]; <paramref name="latentHeight"/>
    /// and <paramref name="latentWidth"/> are h and w (image size / downsample), <paramref name="latentChannels"/> is C
    /// (16 for FLUX.1). Returns PNG bytes.
    /// </summary>
    public static byte[] Render(ReadOnlySpan<float> packed, int item, int latentHeight, int latentWidth, int latentChannels)
    {
        // packed per token as (c, ph, pw): channel c's 2×2 patch is the 4 values at c·4
        int packedChannels = latentChannels * 4;
        int rows = latentHeight / 2, cols = latentWidth / 2, tokens = rows * cols;
        var item0 = packed.Slice(item * tokens * packedChannels, tokens * packedChannels);
        var pixels = new byte[tokens * 3];
        for (var t = 0; t < tokens; t++)
        {
            for (var c = 0; c < 3; c++)
            {
                var patch = item0.Slice(t * packedChannels + c * 4, 4);
                var mean = (patch[0] + patch[1] + patch[2] + patch[3]) / 4f;
                pixels[t * 3 + c] = (byte)Math.Clamp((mean + 2f) * (255f / 4f), 0f, 255f);
            }
        }
        return PngEncoder.Encode(new PixelImage(cols, rows, 3, pixels));
    }
}
