using System.Text.RegularExpressions;
using FluxOnnx.Graphs.Onnx;

namespace FluxOnnx.Graphs.Passes;

/// <summary>
/// THE keep-fp32 rule of the fp16 precision, in one place: which nodes <see cref="Float16Pass"/> leaves in
/// float32, by node path (STYLE habit 6: node names are scope paths). From FLUX-FACTS "Known traps" (fp16
/// overflow past 65504; RoPE precision) and ONNX Runtime's FLUX fp16 recipe, which keeps the overflow-prone
/// nodes in fp32:
/// <list type="number">
/// <item><b>RoPE tables</b>: everything under <c>/transformer/pe_embedder/</c> (ids → angles → cos/sin in fp32,
/// cast to fp16 where q and k are rotated).</item>
/// <item><b>Timestep and guidance embedding</b>: everything under <c>/transformer/time_in/</c> and
/// <c>/transformer/guidance_in/</c> (sinusoids of 1000·t and their MLP).</item>
/// <item><b>Late single blocks' residual stream</b>: in the last quarter of the single blocks (at least one),
/// the LayerNormalization and Add nodes directly in <c>/transformer/single_blocks.N</c> (the modulated norm's
/// input and the gated residual add); then the token split at the root and
/// <c>/transformer/final_layer/LayerNormalization</c>, so the large residual never passes through fp16 again.</item>
/// <item><b>T5 residual stream and FFN outputs</b>: under <c>/text_encoder_2/</c>, the residual Adds directly in
/// <c>layer.0</c> / <c>layer.1</c>, every node under <c>layer_norm</c> / <c>final_layer_norm</c>, and every node
/// under <c>DenseReluDense/wo</c> (the FFN output projection, where T5 activations overflow fp16).</item>
/// <item><b>VAE mid-block attention</b>: everything under <c>/mid/attn_1/</c> of <c>/vae_decoder/</c> and
/// <c>/vae_encoder/</c>.</item>
/// </list>
/// CLIP has no kept nodes.
/// </summary>
public sealed partial class KeepFloat32Rule
{
    private readonly int _firstLateSingleBlock;

    private KeepFloat32Rule(int firstLateSingleBlock) => _firstLateSingleBlock = firstLateSingleBlock;

    /// <summary>The first single block counted as late (int.MaxValue when the graph has none).</summary>
    public int FirstLateSingleBlock => _firstLateSingleBlock;

    /// <summary>The rule for <paramref name="graph"/>: counts its single blocks to find the late quarter.</summary>
    public static KeepFloat32Rule For(GraphProto graph)
    {
        int singles = graph.Node.Select(n => SingleBlock().Match(n.Name)).Where(m => m.Success)
            .Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + 1)
            .DefaultIfEmpty(0).Max();
        return new KeepFloat32Rule(singles == 0 ? int.MaxValue : singles - Math.Max(1, (singles + 3) / 4));
    }

    /// <summary>Whether <paramref name="node"/> stays in float32.</summary>
    public bool Keeps(NodeProto node)
    {
        string path = node.Name;
        if (path.StartsWith("/transformer/", StringComparison.Ordinal))
        {
            if (path.StartsWith("/transformer/pe_embedder/", StringComparison.Ordinal)
                || path.StartsWith("/transformer/time_in/", StringComparison.Ordinal)
                || path.StartsWith("/transformer/guidance_in/", StringComparison.Ordinal))
            {
                return true;
            }
            var single = SingleBlockDirect().Match(path);
            if (single.Success)
            {
                int index = int.Parse(single.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                return index >= _firstLateSingleBlock && node.OpType is "LayerNormalization" or "Add";
            }
            if (_firstLateSingleBlock != int.MaxValue)
            {
                return (Scope(path) == "/transformer" && node.OpType == "Split")
                    || (path.StartsWith("/transformer/final_layer/", StringComparison.Ordinal) && Scope(path) == "/transformer/final_layer"
                        && node.OpType == "LayerNormalization");
            }
            return false;
        }
        if (path.StartsWith("/text_encoder_2/", StringComparison.Ordinal))
        {
            string scope = Scope(path);
            return (node.OpType == "Add" && (scope.EndsWith("/layer.0", StringComparison.Ordinal) || scope.EndsWith("/layer.1", StringComparison.Ordinal)))
                || path.Contains("/layer_norm/", StringComparison.Ordinal)
                || path.Contains("/final_layer_norm/", StringComparison.Ordinal)
                || path.Contains("/DenseReluDense/wo/", StringComparison.Ordinal);
        }
        if (path.StartsWith("/vae_decoder/", StringComparison.Ordinal) || path.StartsWith("/vae_encoder/", StringComparison.Ordinal))
        {
            return path.Contains("/mid/attn_1/", StringComparison.Ordinal);
        }
        return false;
    }

    /// <summary>The scope of a node path: everything before the last segment (the op name).</summary>
    private static string Scope(string path) => path[..Math.Max(0, path.LastIndexOf('/'))];

    [GeneratedRegex(@"^/transformer/single_blocks\.(\d+)/")]
    private static partial Regex SingleBlock();

    /// <summary>A node directly in a single block's scope (no deeper segment).</summary>
    [GeneratedRegex(@"^/transformer/single_blocks\.(\d+)/[^/]+$")]
    private static partial Regex SingleBlockDirect();
}
