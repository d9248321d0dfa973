using FluxOnnx.Packaging;

namespace FluxOnnx.Pipeline;

/// <summary>
/// Pixel ↔ latent geometry from the package manifest's <see cref="LatentSpace"/>: the autoencoder divides each side by
/// <see cref="LatentSpace.Downsample"/>, and the transformer packs 2×2 latent patches into one token (BFL
/// <c>prepare</c>: <c>rearrange(img, "b c (h ph) (w pw) -> b (h w) (c ph pw)", ph=2, pw=2)</c>), so an image side must
/// be a multiple of 2 · downsample pixels (16 for FLUX.1's ae).
/// </summary>
internal static class LatentGrid
{
    /// <summary>The transformer's patch side in latent pixels (FLUX.1: 2), the one the packing uses.</summary>
    public const int Patch = Latents.LatentPacking.Patch;

    /// <summary>The multiple every image side must be, in pixels.</summary>
    public static int PixelMultiple(LatentSpace latent) => Patch * latent.Downsample;

    /// <summary>Latent height and width of an image of <paramref name="height"/> × <paramref name="width"/> pixels.</summary>
    public static (int H, int W) Of(LatentSpace latent, int height, int width) => (height / latent.Downsample, width / latent.Downsample);
}
