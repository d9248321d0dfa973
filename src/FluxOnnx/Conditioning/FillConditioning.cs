using FluxOnnx.Imaging;
using FluxOnnx.Latents;

namespace FluxOnnx.Conditioning;

/// <summary>
/// FLUX.1 Fill conditioning (black-forest-labs/flux <c>src/flux/sampling.py</c> <c>prepare_fill</c>):
/// <code>
///  image [H,W,3] ─► x/127.5 − 1 ─► × (1 − mask) ─► masked image [1,3,H,W] ─► vae_encoder ─► [1,16,h,w] ─► pack ─► [1,S,64]  ─┐
///  mask  [H,W] (1 = fill) ─► 8×8 space-to-depth [1,64,h,w] ─► pack ──────────────────────────────────────► [1,S,256] ─┴─► img_cond [1,S,320]
/// </code>
/// The denoiser then feeds <c>cat(x, img_cond)</c> (384 channels) to the transformer at every step. Float32
/// throughout; BFL's bfloat16 casts of the conditioning are not applied (the fixtures' float32 reference).
/// </summary>
public static class FillConditioning
{
    /// <summary>Channels of img_cond: 64 latent + 256 mask.</summary>
    public const int Channels = LatentPacking.Patch * LatentPacking.Patch * 16 + FillMaskPacking.PackedChannels;

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
    /// img_cond [1, S, 320] from the encoded masked image [1, 16, H/8, W/8] and the pixel mask [H, W].
    /// </summary>
    public static float[] ImgCond(float[] maskedLatent, float[] mask, int height, int width)
    {
        int h = height / FillMaskPacking.Block, w = width / FillMaskPacking.Block;
        var latent = LatentPacking.Pack(maskedLatent, 1, 16, h, w); // [1, S, 64]
        var packedMask = FillMaskPacking.Pack(mask, 1, height, width); // [1, S, 256]
        return PackedChannels.Concat(LatentPacking.TokenCount(h, w), latent, packedMask);
    }
}
