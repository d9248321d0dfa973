namespace FluxOnnx.Graphs.Models.Flux;

/// <summary>
/// Hyper-parameters of the FLUX.1 transformer, one property per field of BFL's <c>FluxParams</c>
/// (flux <c>src/flux/model.py</c>). Named presets and the two ways to obtain a config from files (a BFL params
/// JSON, or the shapes of a checkpoint's tensors) live in the other parts of this record.
/// </summary>
/// <remarks>
/// The cross-field invariants are checked in one place, <see cref="Validate"/>, which every factory here and
/// <see cref="FluxTransformerGraph.Build"/> call. A config derived with <c>with</c> is checked when it is built.
/// </remarks>
public sealed partial record FluxConfig
{
    /// <summary>Width of the packed image tokens: 64 text-to-image, 128 Canny/Depth, 384 Fill.</summary>
    public required int InChannels { get; init; }

    /// <summary>Width of the predicted velocity per image token (64).</summary>
    public required int OutChannels { get; init; }

    /// <summary>Width of the pooled CLIP vector (768).</summary>
    public required int VecInDim { get; init; }

    /// <summary>Width of the T5 text tokens (4096).</summary>
    public required int ContextInDim { get; init; }

    public required int HiddenSize { get; init; }

    /// <summary>MLP width over hidden width (4.0); BFL truncates the product to an int.</summary>
    public required double MlpRatio { get; init; }

    public required int NumHeads { get; init; }

    /// <summary>Number of double-stream blocks (19).</summary>
    public required int Depth { get; init; }

    /// <summary>Number of single-stream blocks (38).</summary>
    public required int DepthSingleBlocks { get; init; }

    /// <summary>RoPE widths per id axis; they sum to the head dim. Cannot be read from weights.</summary>
    public required IReadOnlyList<int> AxesDim { get; init; }

    /// <summary>RoPE base (10000).</summary>
    public required int Theta { get; init; }

    /// <summary>Whether the attention qkv projections carry a bias.</summary>
    public required bool QkvBias { get; init; }

    /// <summary>Guidance-distilled models (dev, Fill, Canny, Depth, Kontext) embed a guidance scale; schnell does not.</summary>
    public required bool GuidanceEmbed { get; init; }

    /// <summary>hidden_size / num_heads: the width RoPE and the QK norm work on (128).</summary>
    public int HeadDim => HiddenSize / NumHeads;

    /// <summary><c>int(hidden_size * mlp_ratio)</c> as DoubleStreamBlock and SingleStreamBlock compute it (12288).</summary>
    public int MlpHiddenDim => (int)(HiddenSize * MlpRatio);

    /// <summary>
    /// Throws <see cref="InvalidFluxConfigException"/> unless every size is positive, hidden_size divides by
    /// num_heads and sum(axes_dim) equals the head dim with every axis even (the checks of flux
    /// <c>model.py</c>'s constructor and <c>math.py</c>'s <c>rope</c>). Returns this config for chaining.
    /// </summary>
    public FluxConfig Validate()
    {
        Positive("in_channels", InChannels);
        Positive("out_channels", OutChannels);
        Positive("vec_in_dim", VecInDim);
        Positive("context_in_dim", ContextInDim);
        Positive("hidden_size", HiddenSize);
        Positive("num_heads", NumHeads);
        Positive("depth", Depth, allowZero: true);
        Positive("depth_single_blocks", DepthSingleBlocks, allowZero: true);
        Positive("theta", Theta);
        if (!(MlpRatio > 0) || MlpHiddenDim <= 0)
        {
            throw new InvalidFluxConfigException("mlp_ratio", MlpRatio.ToString("R", System.Globalization.CultureInfo.InvariantCulture), "must give a positive MLP width");
        }
        if (HiddenSize % NumHeads != 0)
        {
            throw new InvalidFluxConfigException("hidden_size", HiddenSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"must be divisible by num_heads {NumHeads}");
        }
        if (AxesDim is null || AxesDim.Count == 0 || AxesDim.Sum() != HeadDim || AxesDim.Any(d => d <= 0 || d % 2 != 0))
        {
            throw new InvalidFluxConfigException("axes_dim", AxesText,
                $"must be positive even widths summing to the head dim {HeadDim} (hidden_size {HiddenSize} / num_heads {NumHeads})");
        }
        return this;
    }

    private string AxesText => AxesDim is null ? "null" : "[" + string.Join(", ", AxesDim) + "]";

    private static void Positive(string name, int value, bool allowZero = false)
    {
        if (value < 0 || (value == 0 && !allowZero))
        {
            throw new InvalidFluxConfigException(name, value.ToString(System.Globalization.CultureInfo.InvariantCulture),
                allowZero ? "must not be negative" : "must be positive");
        }
    }

    /// <summary>Records compare lists by reference; configs compare axes by value.</summary>
    public bool Equals(FluxConfig? other) =>
        other is not null && InChannels == other.InChannels && OutChannels == other.OutChannels &&
        VecInDim == other.VecInDim && ContextInDim == other.ContextInDim && HiddenSize == other.HiddenSize &&
        MlpRatio.Equals(other.MlpRatio) && NumHeads == other.NumHeads && Depth == other.Depth &&
        DepthSingleBlocks == other.DepthSingleBlocks && AxesDim.SequenceEqual(other.AxesDim) &&
        Theta == other.Theta && QkvBias == other.QkvBias && GuidanceEmbed == other.GuidanceEmbed;

    public override int GetHashCode() =>
        HashCode.Combine(HashCode.Combine(InChannels, OutChannels, VecInDim, ContextInDim, HiddenSize, MlpRatio, NumHeads),
            Depth, DepthSingleBlocks, string.Join(',', AxesDim), Theta, QkvBias, GuidanceEmbed);
}
