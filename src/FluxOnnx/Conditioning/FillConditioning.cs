using FluxOnnx.Imaging;
using FluxOnnx.Latents;
using FluxOnnx.Packaging;

namespace FluxOnnx.Conditioning;

/// <summary>
/// FLUX.1 Fill conditioning (black-forest-labs/flux <c>src/flux/sampling.py</c> <c>prepare_fill</c>):
/// <code>
///  image [H,W,3] ─► x/127.5 − 1 ─► × (1 − mask) ─► masked image [1,3,H,W] ─► vae_encoder ─► [1,C,h,w] ─► pack ─► [1,S,4C]  ─┐
///  mask  [H,W] (1 = fill) ─► d×d space-to-depth [1,d²,h,w] ─► pack ─────────────────────────────────────► [1,S,4d²] ─┴─► img_cond [1,S,4C+4d²]
/// </code>
/// C and d are the manifest's <see cref="LatentSpace"/> channels and downsample (h = H/d, w = W/d); FLUX.1's ae (C 16,
/// d 8) gives img_cond [1, S, 64 + 256 = 320], and the denoiser feeds <c>cat(x, img_cond)</c> (384 channels) to the
/// transformer at every step. Float32 throughout; BFL's bfloat16 casts of the conditioning are not applied (the
/// fixtures' float32 reference).
/// </summary>
public static class FillConditioning
{
    /// <summary>Channels of img_cond: the packed masked-image latent (4C) + the packed mask (4d²); 320 for FLUX.1.</summary>
    public static int Channels(LatentSpace latent) =>
        LatentPacking.Patch * LatentPacking.Patch * latent.Channels + FillMaskPacking.PackedChannels(latent.Downsample);

    /// <summary>
    /// The encoder input [3, H, W]: <c>(x / 127.5 − 1) · (1 − mask)</c> in float32, the mask broadcast over channels.
    /// </summary>
    /// <param name="rgb">The source image (RGB).</param>
    /// <param name="mask">[H, W] in [0, 1], 1 = fill (<see cref="PixelTensors.ToMask"/>).</param>
    public static float[] MaskedImage(PixelImage rgb, ReadOnlySpan<float> mask)
    {
        var chw = PixelTensors.ToSignedUnitChw(rgb);
        var plane = rgb.Width * rgb.Height;
        if (mask.Length != plane)
        {
            throw new ArgumentException($"mask holds {mask.Length} values, the {rgb.Width}x{rgb.Height} image {plane}", nameof(mask));
        }
        for (var i = 0; i < plane; i++)
        {
            var keep = 1f - mask[i];
            chw[i] *= keep;
            chw[plane + i] *= keep;
            chw[2 * plane + i] *= keep;
        }
        return chw;
    }

    /// <summary>
    /// img_cond [1, S, <see cref="Channels"/>] from the encoded masked image [1, C, H/d, W/d] and the pixel mask [H, W]
    /// (C, d from <paramref name="latentSpace"/>).
    /// </summary>
    public static float[] ImgCond(float[] maskedLatent, float[] mask, int height, int width, LatentSpace latentSpace)
    {
        int d = latentSpace.Downsample, h = height / d, w = width / d;
        var latent = LatentPacking.Pack(maskedLatent, 1, latentSpace.Channels, h, w); // [1, S, 4C]
        var packedMask = FillMaskPacking.Pack(mask, 1, height, width, d); // [1, S, 4d²]
        return PackedChannels.Concat(LatentPacking.TokenCount(h, w), latent, packedMask);
    }
}
