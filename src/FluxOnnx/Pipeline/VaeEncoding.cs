using FluxOnnx.Runtime;
using FluxOnnx.Packaging;

namespace FluxOnnx.Pipeline;

/// <summary>
/// One image through the <c>vae_encoder</c> graph: <c>images</c> [1, 3, H, W] in [−1, 1] → <c>latent</c>
/// [1, channels, H/downsample, W/downsample] (the manifest's <see cref="LatentSpace"/>; FLUX.1: [1, 16, H/8, W/8]), already scaled and shifted (BFL <c>AutoEncoder.encode</c>: 0.3611 · (mean − 0.1159), the
/// posterior mean, no sampling).
/// </summary>
internal static class VaeEncoding
{
    /// <summary>Encodes <paramref name="chw"/> [3, <paramref name="height"/>, <paramref name="width"/>]; returns a new array.</summary>
    /// <exception cref="ComponentSignatureException">The graph returned another shape.</exception>
    public static float[] Encode(ModelSession encoder, LatentSpace latentSpace, float[] chw, int height, int width,
        CancellationToken cancellationToken)
    {
        using var input = OnnxTensors.Wrap(chw, 1, 3, height, width);
        using var outputs = encoder.Run(new Dictionary<string, Microsoft.ML.OnnxRuntime.OrtValue> { [FluxIo.Images] = input },
            [FluxIo.Latent], cancellationToken, shrinkArena: true);
        var latent = outputs.First();
        var shape = latent.GetTensorTypeAndShape().Shape;
        var (h, w) = LatentGrid.Of(latentSpace, height, width);
        long[] expected = [1, latentSpace.Channels, h, w];
        if (!shape.SequenceEqual(expected))
        {
            throw new ComponentSignatureException(encoder.ModelPath, ComponentRoles.VaeEncoder, "output '" + FluxIo.Latent + "'",
                "shape [" + string.Join(", ", expected) + "]", "shape [" + string.Join(", ", shape) + "]");
        }
        return latent.GetTensorDataAsSpan<float>().ToArray();
    }
}
