using System.Globalization;
using FluxOnnx.Converter.Checkpoints;

namespace FluxOnnx.Converter.Formats;

/// <summary>
/// diffusers <c>FluxTransformer2DModel</c> → BFL names (the inverse of diffusers
/// <c>convert_flux_transformer_checkpoint_to_diffusers</c> in <c>loaders/single_file_utils.py</c>). q, k, v
/// are stored apart and concatenated along the output rows in reference order; single blocks also append
/// <c>proj_mlp</c> to make <c>linear1</c>; <c>norm_out.linear</c> holds (scale, shift) where BFL's
/// <c>final_layer.adaLN_modulation.1</c> holds (shift, scale), so its halves are swapped. Depths come from the
/// checkpoint's own block indices.
/// </summary>
internal static class DiffusersTransformerFormat
{
    /// <summary>Keys that identify a diffusers FLUX transformer.</summary>
    public static readonly IReadOnlyList<string> Signature = ["x_embedder.weight", "transformer_blocks.0.attn.to_q.weight"];

    private const string DoubleBlocks = "transformer_blocks";
    private const string SingleBlocks = "single_transformer_blocks";

    private enum Op { Rename, Concat, Swap }

    /// <summary>(BFL name, diffusers parts, op); a module rule covers <c>.weight</c> and <c>.bias</c>.</summary>
    private sealed record Rule(string Reference, string[] Parts, Op Op, bool Module = true);

    private static readonly Rule[] Globals =
    [
        new("img_in", ["x_embedder"], Op.Rename),
        new("txt_in", ["context_embedder"], Op.Rename),
        new("time_in.in_layer", ["time_text_embed.timestep_embedder.linear_1"], Op.Rename),
        new("time_in.out_layer", ["time_text_embed.timestep_embedder.linear_2"], Op.Rename),
        new("vector_in.in_layer", ["time_text_embed.text_embedder.linear_1"], Op.Rename),
        new("vector_in.out_layer", ["time_text_embed.text_embedder.linear_2"], Op.Rename),
        new("guidance_in.in_layer", ["time_text_embed.guidance_embedder.linear_1"], Op.Rename),
        new("guidance_in.out_layer", ["time_text_embed.guidance_embedder.linear_2"], Op.Rename),
        new("final_layer.linear", ["proj_out"], Op.Rename),
        new("final_layer.adaLN_modulation.1", ["norm_out.linear"], Op.Swap),
    ];

    private static readonly Rule[] DoubleBlock =
    [
        new("img_mod.lin", ["norm1.linear"], Op.Rename),
        new("txt_mod.lin", ["norm1_context.linear"], Op.Rename),
        new("img_attn.qkv", ["attn.to_q", "attn.to_k", "attn.to_v"], Op.Concat),
        new("txt_attn.qkv", ["attn.add_q_proj", "attn.add_k_proj", "attn.add_v_proj"], Op.Concat),
        new("img_attn.proj", ["attn.to_out.0"], Op.Rename),
        new("txt_attn.proj", ["attn.to_add_out"], Op.Rename),
        new("img_attn.norm.query_norm.scale", ["attn.norm_q.weight"], Op.Rename, Module: false),
        new("img_attn.norm.key_norm.scale", ["attn.norm_k.weight"], Op.Rename, Module: false),
        new("txt_attn.norm.query_norm.scale", ["attn.norm_added_q.weight"], Op.Rename, Module: false),
        new("txt_attn.norm.key_norm.scale", ["attn.norm_added_k.weight"], Op.Rename, Module: false),
        new("img_mlp.0", ["ff.net.0.proj"], Op.Rename),
        new("img_mlp.2", ["ff.net.2"], Op.Rename),
        new("txt_mlp.0", ["ff_context.net.0.proj"], Op.Rename),
        new("txt_mlp.2", ["ff_context.net.2"], Op.Rename),
    ];

    private static readonly Rule[] SingleBlock =
    [
        new("linear1", ["attn.to_q", "attn.to_k", "attn.to_v", "proj_mlp"], Op.Concat),
        new("linear2", ["proj_out"], Op.Rename),
        new("modulation.lin", ["norm.linear"], Op.Rename),
        new("norm.query_norm.scale", ["attn.norm_q.weight"], Op.Rename, Module: false),
        new("norm.key_norm.scale", ["attn.norm_k.weight"], Op.Rename, Module: false),
    ];

    public static void Apply(RecipeBuilder recipes)
    {
        ApplyAll(recipes, Globals, "", "");
        foreach (int i in BlockIndices(recipes, DoubleBlocks))
        {
            ApplyAll(recipes, DoubleBlock, $"double_blocks.{i}.", $"{DoubleBlocks}.{i}.");
        }
        foreach (int i in BlockIndices(recipes, SingleBlocks))
        {
            ApplyAll(recipes, SingleBlock, $"single_blocks.{i}.", $"{SingleBlocks}.{i}.");
        }
    }

    /// <summary>The block indices present in the checkpoint (<c>transformer_blocks.N.*</c>), ascending.</summary>
    internal static IEnumerable<int> BlockIndices(RecipeBuilder recipes, string container) => recipes.StoredNames
        .Where(n => n.StartsWith(container + ".", StringComparison.Ordinal))
        .Select(n => n[(container.Length + 1)..].Split('.')[0])
        .Select(s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out int i) ? i : -1)
        .Where(i => i >= 0)
        .Distinct()
        .Order()
        .ToArray();

    private static void ApplyAll(RecipeBuilder recipes, Rule[] rules, string referenceScope, string storedScope)
    {
        foreach (Rule rule in rules)
        {
            string[] suffixes = rule.Module ? [".weight", ".bias"] : [""];
            foreach (string suffix in suffixes)
            {
                string reference = referenceScope + rule.Reference + suffix;
                string[] parts = [.. rule.Parts.Select(p => storedScope + p + suffix)];
                switch (rule.Op)
                {
                    case Op.Rename:
                        recipes.Rename(reference, parts[0]);
                        break;
                    case Op.Concat:
                        recipes.ConcatRows(reference, parts);
                        break;
                    case Op.Swap:
                        recipes.SwapHalves(reference, parts[0]);
                        break;
                }
            }
        }
    }
}
