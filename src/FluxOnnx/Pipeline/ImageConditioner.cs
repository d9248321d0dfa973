using FluxOnnx.Conditioning;
using FluxOnnx.Imaging;
using FluxOnnx.Latents;
using FluxOnnx.Runtime;

namespace FluxOnnx.Pipeline;

/// <summary>
/// Runs the VAE encoder on a request's checked images and lays the result out as the denoiser consumes it
/// (BFL <c>demo_st.py</c> img2img, <c>prepare_fill</c>, <c>prepare_control</c>, <c>prepare_kontext</c>). Conditioning
/// is encoded once and repeated for every batch item, as BFL's <c>repeat(img_cond, "1 ... -> bs ...")</c>.
/// </summary>
internal static class ImageConditioner
{
    /// <summary>What the encoder produced for one call; unused members are null.</summary>
    /// <param name="InitLatent">img2img x0 [1, channels, H/downsample, W/downsample] (the manifest's LatentSpace).</param>
    /// <param name="ImgCond">Fill / Canny / Depth channel conditioning [B, S, C].</param>
    /// <param name="ReferenceTokens">Kontext reference tokens [B, S_ref, 64].</param>
    /// <param name="ReferenceIds">Kontext reference ids [S_ref, 3], first axis 1.</param>
    public sealed record Result(float[]? InitLatent, float[]? ImgCond, float[]? ReferenceTokens, float[]? ReferenceIds);

    /// <summary>
    /// Encodes what <paramref name="images"/> holds. <paramref name="encoder"/> is called only when an image needs
    /// encoding (so text-to-image never opens the encoder).
    /// </summary>
    public static Result Prepare(ImageInputs images, int batch, Packaging.LatentSpace latentSpace, Func<ModelSession> encoder,
        CancellationToken cancellationToken)
    {
        int height = images.Height, width = images.Width, channels = latentSpace.Channels;
        var (h, w) = LatentGrid.Of(latentSpace, height, width);
        switch (images.Kind)
        {
            case ImageConditioningKind.Img2Img:
            {
                // demo_st: init = 2·ToTensor(img) − 1 (bit-identical to x/127.5 − 1), x0 = ae.encode(init).
                var x0 = VaeEncoding.Encode(encoder(), latentSpace, PixelTensors.ToSignedUnitChw(images.Image!), height, width, cancellationToken);
                return new Result(x0, null, null, null);
            }
            case ImageConditioningKind.Fill:
            {
                var masked = FillConditioning.MaskedImage(images.Image!, images.Mask!);
                var latent = VaeEncoding.Encode(encoder(), latentSpace, masked, height, width, cancellationToken);
                return new Result(null, Repeat(FillConditioning.ImgCond(latent, images.Mask!, height, width, latentSpace), batch), null, null);
            }
            case ImageConditioningKind.Control:
            {
                var latent = VaeEncoding.Encode(encoder(), latentSpace, images.Control!, height, width, cancellationToken);
                return new Result(null, Repeat(LatentPacking.Pack(latent, 1, channels, h, w), batch), null, null);
            }
            case ImageConditioningKind.Kontext:
            {
                // The reference keeps its own (prepared) size, independent of the target's.
                var reference = images.Image!;
                var (rh, rw) = LatentGrid.Of(latentSpace, reference.Height, reference.Width);
                var latent = VaeEncoding.Encode(encoder(), latentSpace, PixelTensors.ToSignedUnitChw(reference), reference.Height, reference.Width,
                    cancellationToken);
                var tokens = LatentPacking.Pack(latent, 1, channels, rh, rw); // [1, S_ref, 4C]
                var ids = PositionIds.ImageIds(rh / LatentGrid.Patch, rw / LatentGrid.Patch, PositionIds.KontextReferenceAxis); // (1, i, j)
                return new Result(null, null, Repeat(tokens, batch), ids);
            }
            default:
                return new Result(null, null, null, null);
        }
    }

    /// <summary>[1, ...] repeated to [B, ...].</summary>
    public static float[] Repeat(float[] one, int batch)
    {
        if (batch == 1)
        {
            return one;
        }
        var result = new float[one.Length * batch];
        for (var b = 0; b < batch; b++)
        {
            one.CopyTo(result, b * one.Length);
        }
        return result;
    }
}
