using FluxOnnx.Packaging;
using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Weights;

namespace FluxOnnx.Graphs.Models.Autoencoder;

/// <summary>
/// Entry points for BFL's autoencoder as two graphs, encoder and decoder, each reading only its half of
/// <c>ae.safetensors</c> (<c>encoder.*</c> or <c>decoder.*</c>). Give each a weight source filtered to its half
/// (<see cref="PrefixFilteredWeightSource"/>) so that <see cref="WeightRegistry.EnsureComplete"/> still reports
/// unused tensors meaningfully. Height and width are dynamic; activations use the weight policy's float type.
/// </summary>
/// <example>
/// <code>
/// var g = new GraphBuilder();
/// var weights = new WeightRegistry(g, new PrefixFilteredWeightSource(ae, AutoencoderGraphs.EncoderWeightPrefix));
/// AutoencoderGraphs.BuildEncoder(g, weights.Root, AutoencoderConfig.Ae);
/// weights.EnsureComplete();
/// new OnnxModelWriter().Write(g.Build(), "vae_encoder.onnx");
/// </code>
/// </example>
public static class AutoencoderGraphs
{
    /// <summary>Name prefix of the tensors <see cref="BuildEncoder"/> reads from a BFL autoencoder checkpoint.</summary>
    public const string EncoderWeightPrefix = "encoder.";

    /// <summary>Name prefix of the tensors <see cref="BuildDecoder"/> reads from a BFL autoencoder checkpoint.</summary>
    public const string DecoderWeightPrefix = "decoder.";

    /// <summary>
    /// flux <c>AutoEncoder.encode</c> with the Gaussian's mean (never a sample):
    /// <code>
    ///  images [batch, in_channels, height, width]
    ///    encoder                          [batch, 2·z, height/f, width/f]  (mean | logvar)
    ///    mean = channels [0, z)           [batch, z, height/f, width/f]
    ///    latent = scale · (mean − shift)
    /// </code>
    /// Weights come from <c>encoder.*</c> under <paramref name="root"/>; nodes are named <c>/encoder/...</c>.
    /// </summary>
    /// <returns>The <see cref="FluxIo.Latent"/> value.</returns>
    public static Value BuildEncoder(GraphBuilder g, WeightScope root, AutoencoderConfig config, AutoencoderGraphOptions? options = null)
    {
        CheckArguments(g, root, config);
        options ??= AutoencoderGraphOptions.Default;
        var type = root.Policy.FloatWeights;
        var images = g.Input(FluxIo.Images, type, new Shape("batch", config.InChannels, "height", "width"));

        Value latent;
        using (var encoder = root.Enter("encoder"))
        {
            var moments = Encoder.Apply(encoder, images, config, options.Attention); // [B, 2z, h, w]
            using (g.Scope("reg"))
            {
                var mean = g.Slice(moments, starts: [0], ends: [config.ZChannels], axes: [1]); // [B, z, h, w]
                latent = g.Mul(g.Sub(mean, g.Scalar(config.ShiftFactor, type)), g.Scalar(config.ScaleFactor, type));
            }
        }
        g.Output(latent, FluxIo.Latent);
        return latent;
    }

    /// <summary>
    /// flux <c>AutoEncoder.decode</c>:
    /// <code>
    ///  latent [batch, z, latent_height, latent_width]
    ///    z = latent / scale + shift
    ///    decoder                          [batch, out_ch, f·latent_height, f·latent_width]
    /// </code>
    /// Weights come from <c>decoder.*</c> under <paramref name="root"/>; nodes are named <c>/decoder/...</c>. The
    /// output is not clamped (see <see cref="FluxIo.Images"/>).
    /// </summary>
    /// <returns>The <see cref="FluxIo.Images"/> value.</returns>
    public static Value BuildDecoder(GraphBuilder g, WeightScope root, AutoencoderConfig config, AutoencoderGraphOptions? options = null)
    {
        CheckArguments(g, root, config);
        options ??= AutoencoderGraphOptions.Default;
        var type = root.Policy.FloatWeights;
        var latent = g.Input(FluxIo.Latent, type, new Shape("batch", config.ZChannels, "latent_height", "latent_width"));

        Value images;
        using (var decoder = root.Enter("decoder"))
        {
            Value z;
            using (g.Scope("unscale"))
            {
                z = g.Add(g.Div(latent, g.Scalar(config.ScaleFactor, type)), g.Scalar(config.ShiftFactor, type));
            }
            images = Decoder.Apply(decoder, z, config, options.Attention);
        }
        g.Output(images, FluxIo.Images);
        return images;
    }

    private static void CheckArguments(GraphBuilder g, WeightScope root, AutoencoderConfig config)
    {
        ArgumentNullException.ThrowIfNull(g);
        ArgumentNullException.ThrowIfNull(config);
        if (!ReferenceEquals(root.Builder, g))
        {
            throw new ArgumentException("The weight scope belongs to another graph builder.", nameof(root));
        }
    }
}
