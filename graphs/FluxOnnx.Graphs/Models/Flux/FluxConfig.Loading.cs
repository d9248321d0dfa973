using System.Globalization;

namespace FluxOnnx.Graphs.Models.Flux;

// A config from the tensor shapes of a checkpoint in BFL names plus a preset for what weights cannot tell (a BFL
// params JSON is read by the converter, Formats/FluxParamsJson.cs).
public sealed partial record FluxConfig
{
    /// <summary>
    /// Derives a config from a checkpoint's tensor shapes in BFL names (<c>img_in.weight</c> → [hidden, in_channels]):
    /// depths from the block indices present, hidden_size and in_channels from <c>img_in.weight</c>, the head dim
    /// from <c>double_blocks.0.img_attn.norm.query_norm.scale</c> (single_blocks.0's when there are no double
    /// blocks), vec_in_dim from <c>vector_in.in_layer.weight</c>, context_in_dim from <c>txt_in.weight</c>,
    /// out_channels from <c>final_layer.linear.weight</c>, mlp_ratio from <c>img_mlp.0.weight</c> rows,
    /// qkv_bias from <c>img_attn.qkv.bias</c>, guidance_embed from any <c>guidance_in.*</c>. RoPE's axes_dim and
    /// theta cannot be read from weights and come from <paramref name="preset"/>.
    /// </summary>
    /// <param name="shapes">Every tensor name with its stored shape (the converter passes the checkpoint's, after any prefix is stripped).</param>
    /// <param name="preset">Source of <see cref="AxesDim"/> and <see cref="Theta"/>; typically <see cref="FluxDev"/>.</param>
    public static FluxConfig FromCheckpointShapes(IEnumerable<KeyValuePair<string, IReadOnlyList<long>>> shapes, FluxConfig preset)
    {
        ArgumentNullException.ThrowIfNull(preset);
        var byName = shapes.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);

        int depth = BlockCount(byName.Keys, "double_blocks");
        int depthSingle = BlockCount(byName.Keys, "single_blocks");
        var imgIn = Require(byName, "img_in.weight", "hidden_size", rank: 2);
        string normName = depth > 0
            ? "double_blocks.0.img_attn.norm.query_norm.scale"
            : "single_blocks.0.norm.query_norm.scale";
        int hidden = Dim(imgIn, 0);
        int headDim = Dim(Require(byName, normName, "num_heads", rank: 1), 0);
        if (headDim == 0 || hidden % headDim != 0)
        {
            throw new InvalidFluxConfigException("num_heads", $"{hidden} / {headDim}", "needs a head dim that divides hidden_size", normName);
        }
        int mlpHidden = depth > 0
            ? Dim(Require(byName, "double_blocks.0.img_mlp.0.weight", "mlp_ratio", rank: 2), 0)
            : Dim(Require(byName, "single_blocks.0.linear1.weight", "mlp_ratio", rank: 2), 0) - 3 * hidden;

        return new FluxConfig
        {
            InChannels = Dim(imgIn, 1),
            OutChannels = Dim(Require(byName, "final_layer.linear.weight", "out_channels", rank: 2), 0),
            VecInDim = Dim(Require(byName, "vector_in.in_layer.weight", "vec_in_dim", rank: 2), 1),
            ContextInDim = Dim(Require(byName, "txt_in.weight", "context_in_dim", rank: 2), 1),
            HiddenSize = hidden,
            MlpRatio = (double)mlpHidden / hidden,
            NumHeads = hidden / headDim,
            Depth = depth,
            DepthSingleBlocks = depthSingle,
            AxesDim = preset.AxesDim.ToArray(),
            Theta = preset.Theta,
            QkvBias = depth > 0 ? byName.ContainsKey("double_blocks.0.img_attn.qkv.bias") : preset.QkvBias,
            GuidanceEmbed = byName.Keys.Any(n => n.StartsWith("guidance_in.", StringComparison.Ordinal)),
        }.Validate();
    }

    /// <summary>
    /// Number of blocks <c>{list}.{i}.*</c>: one more than the highest index, which requires every lower index to
    /// be present too (a gap means a damaged or partial checkpoint).
    /// </summary>
    private static int BlockCount(IEnumerable<string> names, string list)
    {
        string prefix = list + ".";
        var indices = new SortedSet<int>();
        foreach (var name in names)
        {
            if (!name.StartsWith(prefix, StringComparison.Ordinal)) continue;
            int dot = name.IndexOf('.', prefix.Length);
            if (dot > prefix.Length && int.TryParse(name.AsSpan(prefix.Length, dot - prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out int i))
            {
                indices.Add(i);
            }
        }
        int count = indices.Count == 0 ? 0 : indices.Max + 1;
        if (count != indices.Count)
        {
            int gap = Enumerable.Range(0, count).First(i => !indices.Contains(i));
            throw new InvalidFluxConfigException(list == "double_blocks" ? "depth" : "depth_single_blocks",
                count.ToString(CultureInfo.InvariantCulture), $"has no tensors for block {gap}", $"{list}.{gap}.*");
        }
        return count;
    }

    private static IReadOnlyList<long> Require(Dictionary<string, IReadOnlyList<long>> shapes, string name, string parameter, int rank)
    {
        if (!shapes.TryGetValue(name, out var shape))
        {
            throw new InvalidFluxConfigException(parameter, "missing", "cannot be derived: the checkpoint lacks the tensor", name);
        }
        if (shape.Count != rank)
        {
            throw new InvalidFluxConfigException(parameter, "[" + string.Join(", ", shape) + "]", $"cannot be derived: expected a rank-{rank} tensor", name);
        }
        return shape;
    }

    private static int Dim(IReadOnlyList<long> shape, int axis) => checked((int)shape[axis]);
}
