namespace FluxOnnx.Graphs.Models.Autoencoder;

/// <summary>
/// Hyper-parameters of BFL's autoencoder, field for field flux <c>AutoEncoderParams</c>
/// (<c>src/flux/modules/autoencoder.py</c>). Invariants are checked once, in the constructor: every channel count
/// a GroupNorm sees (<c>ch · m</c> for each level, and <c>ch</c> itself after <c>conv_in</c>) must split into
/// <see cref="NormGroups"/> groups, and the scale must be a finite non-zero number because decode divides by it.
/// </summary>
public sealed partial record AutoencoderConfig
{
    /// <summary>GroupNorm group count of every norm in the reference (<c>nn.GroupNorm(num_groups=32, ...)</c>).</summary>
    public const int NormGroups = 32;

    /// <summary>GroupNorm epsilon of every norm in the reference (<c>eps=1e-6</c>).</summary>
    public const float NormEpsilon = 1e-6f;

    public AutoencoderConfig(
        int resolution, int inChannels, int ch, int outCh, IReadOnlyList<int> chMult, int numResBlocks,
        int zChannels, double scaleFactor, double shiftFactor)
    {
        ArgumentNullException.ThrowIfNull(chMult);
        Positive("resolution", resolution);
        Positive("in_channels", inChannels);
        Positive("ch", ch);
        Positive("out_ch", outCh);
        Positive("num_res_blocks", numResBlocks);
        Positive("z_channels", zChannels);
        if (chMult.Count == 0 || chMult.Any(m => m <= 0))
        {
            throw new ModelConfigException(nameof(AutoencoderConfig), "ch_mult", "at least one level, every multiplier positive",
                $"[{string.Join(", ", chMult)}]");
        }
        foreach (int channels in chMult.Select(m => ch * m).Prepend(ch))
        {
            if (channels % NormGroups != 0)
            {
                throw new ModelConfigException(nameof(AutoencoderConfig), "ch",
                    $"a channel count at every level (ch · ch_mult) that GroupNorm({NormGroups}) can split, a multiple of {NormGroups}",
                    $"{ch} with ch_mult [{string.Join(", ", chMult)}], giving {channels} channels");
            }
        }
        if (!double.IsFinite(scaleFactor) || scaleFactor == 0)
        {
            throw ConfigInvariant.Broken(nameof(AutoencoderConfig), "scale_factor", "a finite non-zero number (decode divides by it)", scaleFactor);
        }
        if (!double.IsFinite(shiftFactor))
        {
            throw ConfigInvariant.Broken(nameof(AutoencoderConfig), "shift_factor", "a finite number", shiftFactor);
        }
        Resolution = resolution;
        InChannels = inChannels;
        Ch = ch;
        OutCh = outCh;
        ChMult = chMult.ToArray();
        NumResBlocks = numResBlocks;
        ZChannels = zChannels;
        ScaleFactor = scaleFactor;
        ShiftFactor = shiftFactor;
    }

    /// <summary>
    /// The FLUX.1 autoencoder (<c>ae.safetensors</c>, shared by dev, schnell, Fill, Canny, Depth and Kontext):
    /// flux <c>src/flux/util.py</c>, <c>configs[...].ae_params = AutoEncoderParams(resolution=256, in_channels=3,
    /// ch=128, out_ch=3, ch_mult=[1, 2, 4, 4], num_res_blocks=2, z_channels=16, scale_factor=0.3611,
    /// shift_factor=0.1159)</c>.
    /// </summary>
    public static AutoencoderConfig Ae { get; } = new(
        resolution: 256, inChannels: 3, ch: 128, outCh: 3, chMult: [1, 2, 4, 4], numResBlocks: 2, zChannels: 16,
        scaleFactor: 0.3611, shiftFactor: 0.1159);

    /// <summary>Training resolution; the graphs do not depend on it (height and width are dynamic).</summary>
    public int Resolution { get; }

    /// <summary>Image channels the encoder reads (3, RGB).</summary>
    public int InChannels { get; }

    /// <summary>Base channel count (<c>conv_in</c>'s output).</summary>
    public int Ch { get; }

    /// <summary>Image channels the decoder writes (3, RGB).</summary>
    public int OutCh { get; }

    /// <summary>Channel multiplier per resolution level, finest first.</summary>
    public IReadOnlyList<int> ChMult { get; }

    /// <summary>ResnetBlocks per encoder level (the decoder has one more per level).</summary>
    public int NumResBlocks { get; }

    /// <summary>Latent channels (the encoder's <c>conv_out</c> emits twice as many: mean | logvar).</summary>
    public int ZChannels { get; }

    /// <summary>encode: z = scale_factor · (mean − shift_factor); decode input: z / scale_factor + shift_factor.</summary>
    public double ScaleFactor { get; }

    public double ShiftFactor { get; }

    /// <summary>Spatial reduction of the latent: 2^(levels − 1), 8 for <see cref="Ae"/>.</summary>
    public int DownsampleFactor => 1 << (ChMult.Count - 1);

    /// <summary>Channels at the coarsest level, where the mid block (ResnetBlock, AttnBlock, ResnetBlock) runs.</summary>
    public int MidChannels => Ch * ChMult[^1];

    private static void Positive(string key, int value) => ConfigInvariant.Positive(nameof(AutoencoderConfig), key, value);

    public bool Equals(AutoencoderConfig? other) =>
        other is not null && Resolution == other.Resolution && InChannels == other.InChannels && Ch == other.Ch &&
        OutCh == other.OutCh && ChMult.SequenceEqual(other.ChMult) && NumResBlocks == other.NumResBlocks &&
        ZChannels == other.ZChannels && ScaleFactor == other.ScaleFactor && ShiftFactor == other.ShiftFactor;

    public override int GetHashCode() =>
        HashCode.Combine(Ch, ChMult.Count, NumResBlocks, ZChannels, ScaleFactor, ShiftFactor);

    public override string ToString() =>
        $"AutoencoderConfig {{ resolution {Resolution}, in_channels {InChannels}, ch {Ch}, out_ch {OutCh}, " +
        $"ch_mult [{string.Join(", ", ChMult)}], num_res_blocks {NumResBlocks}, z_channels {ZChannels}, " +
        $"scale_factor {ScaleFactor}, shift_factor {ShiftFactor} }}";
}
