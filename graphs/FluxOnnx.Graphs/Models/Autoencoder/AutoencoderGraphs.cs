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
    /// <summary>Encoder input: images [batch, in_channels, height, width] in [-1, 1] (pixel / 127.5 − 1).</summary>
    public const string EncoderInput = "images";

    /// <summary>
    /// Encoder output: latent [batch, z_channels, height/f, width/f] in diffusion space,
    /// scale_factor · (posterior mean − shift_factor); f = 8 for <see cref="AutoencoderConfig.Ae"/>. The two
    /// spatial dims are unnamed in the graph (stride-2 convs end symbolic tracking); ORT infers them at run time.
    /// </summary>
    public const string EncoderOutput = "latent";

    /// <summary>Decoder input: latent [batch, z_channels, latent_height, latent_width] in diffusion space.</summary>
    public const string DecoderInput = "latent";

    /// <summary>
    /// Decoder output: images [batch, out_ch, f·latent_height, f·latent_width], the raw decoder output, roughly in
    /// [-1, 1] but not clamped: the runtime clamps to [-1, 1] when it makes pixels (BFL <c>util.save_image</c>).
    /// Its spatial dims are named after the input's through each ×2 upsample (<c>latent_height*2*2*2</c>).
    /// </summary>
    public const string DecoderOutput = "images";

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
    /// <returns>The <see cref="EncoderOutput"/> value.</returns>
    public static Value BuildEncoder(GraphBuilder g, WeightScope root, AutoencoderConfig config, AutoencoderGraphOptions? options = null)
    {
        CheckArguments(g, root, config);
        options ??= AutoencoderGraphOptions.Default;
        var type = root.Policy.FloatWeights;
        var images = g.Input(EncoderInput, type, new Shape("batch", config.InChannels, "height", "width"));

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
        g.Output(latent, EncoderOutput);
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
    /// output is not clamped (see <see cref="DecoderOutput"/>).
    /// </summary>
    /// <returns>The <see cref="DecoderOutput"/> value.</returns>
    public static Value BuildDecoder(GraphBuilder g, WeightScope root, AutoencoderConfig config, AutoencoderGraphOptions? options = null)
    {
        CheckArguments(g, root, config);
        options ??= AutoencoderGraphOptions.Default;
        var type = root.Policy.FloatWeights;
        var latent = g.Input(DecoderInput, type, new Shape("batch", config.ZChannels, "latent_height", "latent_width"));

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
        g.Output(images, DecoderOutput);
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
