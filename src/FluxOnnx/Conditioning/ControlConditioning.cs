using FluxOnnx.Imaging;

namespace FluxOnnx.Conditioning;

/// <summary>
/// FLUX.1 Canny / Depth control image (black-forest-labs/flux <c>src/flux/sampling.py</c> <c>prepare_control</c>):
/// <code>
///  control ─► convert("RGB") ─► Lanczos resize to the target (Pillow-exact; skipped at the same size) ─► x/127.5 − 1 [1,3,H,W]
///          ─► [Canny only, when computed: CannyImageEncoder 50/200] ─► vae_encoder ─► pack [1,S,64]
/// </code>
/// The denoiser concatenates the packed control latent channel-wise after the latents (64 + 64 = 128 channels).
/// A depth map is used as given: FluxOnnx bundles no depth estimator (BFL runs Depth Anything on a photo).
/// </summary>
public static class ControlConditioning
{
    /// <summary>A ready control image (edge map or depth map) → encoder input [3, H, W] at the target size.</summary>
    public static float[] FromControlImage(PixelImage control, int width, int height) =>
        PixelTensors.ToSignedUnitChw(Resize(control, width, height));

    /// <summary>A photo → BFL's Canny control image [3, H, W] (±1) at the target size, as <c>CannyImageEncoder</c>.</summary>
    public static float[] CannyFromImage(PixelImage image, int width, int height) =>
        CannyControlImage.FromImage(Resize(image, width, height));

    private static PixelImage Resize(PixelImage image, int width, int height)
    {
        var rgb = image.ToRgb();
        return rgb.Width == width && rgb.Height == height ? rgb : LanczosResizer.Resize(rgb, width, height);
    }
}
