using FluxOnnx.Graphs.Weights;

namespace FluxOnnx.Graphs.Models.Autoencoder;

// Architecture read off the tensor shapes of a BFL autoencoder checkpoint (both encoder.* and decoder.*).
public sealed partial record AutoencoderConfig
{
    /// <summary>
    /// The config implied by the shapes in <paramref name="source"/>, which must offer BFL names for both halves:
    /// <list type="bullet">
    /// <item><c>ch</c>, <c>in_channels</c>: <c>encoder.conv_in.weight</c> [ch, in_channels, 3, 3];</item>
    /// <item><c>ch_mult</c>: one level per <c>encoder.down.{i}</c>, multiplier = output channels of
    /// <c>encoder.down.{i}.block.0.conv1.weight</c> / ch;</item>
    /// <item><c>num_res_blocks</c>: the number of <c>encoder.down.0.block.{j}</c>;</item>
    /// <item><c>z_channels</c>: input channels of <c>decoder.conv_in.weight</c>; <c>out_ch</c>: output channels of
    /// <c>decoder.conv_out.weight</c>.</item>
    /// </list>
    /// The checkpoint does not record <c>resolution</c> (unused by the graphs), <c>scale_factor</c> or
    /// <c>shift_factor</c>: they default to <see cref="Ae"/>'s values, which hold for every FLUX.1 checkpoint.
    /// </summary>
    /// <exception cref="WeightMismatchException">A tensor the derivation reads is absent (listed in <c>Missing</c>).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The shapes imply an invalid config (e.g. a level's channels not a multiple of ch).</exception>
    public static AutoencoderConfig FromCheckpoint(
        IWeightSource source, double? scaleFactor = null, double? shiftFactor = null, int? resolution = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        var convIn = Shape(source, "encoder", "conv_in", "weight");
        long ch = convIn[0], inChannels = convIn[1];

        var chMult = new List<int>();
        for (int i = 0; source.ShapeOf(Name("encoder", "down", i, "block", 0, "conv1", "weight")) is { } conv1; i++)
        {
            if (conv1[0] % ch != 0)
            {
                throw new ModelConfigException(nameof(AutoencoderConfig), "ch_mult",
                    $"output channels of {Name("encoder", "down", i, "block", 0, "conv1", "weight")} that are a multiple of ch {ch}",
                    conv1[0].ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            chMult.Add(checked((int)(conv1[0] / ch)));
        }
        if (chMult.Count == 0)
        {
            Shape(source, "encoder", "down", 0, "block", 0, "conv1", "weight"); // throws, naming the tensor
        }

        int numResBlocks = 0;
        while (source.ShapeOf(Name("encoder", "down", 0, "block", numResBlocks, "conv1", "weight")) is not null)
        {
            numResBlocks++;
        }

        long zChannels = Shape(source, "decoder", "conv_in", "weight")[1];
        long outCh = Shape(source, "decoder", "conv_out", "weight")[0];
        return new AutoencoderConfig(
            resolution ?? Ae.Resolution, checked((int)inChannels), checked((int)ch), checked((int)outCh), chMult,
            numResBlocks, checked((int)zChannels), scaleFactor ?? Ae.ScaleFactor, shiftFactor ?? Ae.ShiftFactor);
    }

    private static IReadOnlyList<long> Shape(IWeightSource source, params object[] segments)
    {
        string name = Name(segments);
        return source.ShapeOf(name) ?? throw new WeightMismatchException([name], [], []);
    }

    /// <summary>The dotted reference name of a module path (<c>encoder.down.0.block.1.conv1.weight</c>).</summary>
    private static string Name(params object[] segments) =>
        string.Join('.', segments.Select(s => Convert.ToString(s, System.Globalization.CultureInfo.InvariantCulture)));
}
