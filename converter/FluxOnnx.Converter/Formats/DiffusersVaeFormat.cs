using System.Globalization;
using System.Text.RegularExpressions;
using FluxOnnx.Converter.Checkpoints;

namespace FluxOnnx.Converter.Formats;

/// <summary>
/// diffusers <c>AutoencoderKL</c> → BFL <c>ae</c> names (the inverse of diffusers <c>convert_ldm_vae_checkpoint</c>).
/// <c>down_blocks.N.resnets.M</c> ↔ <c>down.N.block.M</c>, <c>mid_block.resnets.0/1</c> ↔ <c>mid.block_1/2</c>,
/// <c>conv_norm_out</c> ↔ <c>norm_out</c>, <c>conv_shortcut</c> ↔ <c>nin_shortcut</c>; the decoder's
/// <c>up_blocks</c> run in reverse order of BFL's <c>up</c> (up_blocks.0 is the lowest resolution = up.{n-1});
/// the mid attention's Linear weights [C, C] become 1x1 conv weights [C, C, 1, 1].
/// </summary>
internal static class DiffusersVaeFormat
{
    /// <summary>Key prefixes that identify a diffusers autoencoder.</summary>
    public static readonly IReadOnlyList<string> Signature = ["encoder.down_blocks.", "decoder.up_blocks.", "encoder.mid_block.", "decoder.mid_block."];

    /// <summary>Renames applied in order to each stored name; <c>{up}</c> is replaced by the reversed up index.</summary>
    private static readonly (Regex Pattern, string Replacement)[] Renames =
    [
        (new(@"^encoder\.down_blocks\.(\d+)\.resnets\.(\d+)\."), "encoder.down.$1.block.$2."),
        (new(@"^encoder\.down_blocks\.(\d+)\.downsamplers\.0\.conv\."), "encoder.down.$1.downsample.conv."),
        (new(@"^decoder\.up_blocks\.(\d+)\.resnets\.(\d+)\."), "decoder.up.{up:$1}.block.$2."),
        (new(@"^decoder\.up_blocks\.(\d+)\.upsamplers\.0\.conv\."), "decoder.up.{up:$1}.upsample.conv."),
        (new(@"^(encoder|decoder)\.mid_block\.resnets\.0\."), "$1.mid.block_1."),
        (new(@"^(encoder|decoder)\.mid_block\.resnets\.1\."), "$1.mid.block_2."),
        (new(@"^(encoder|decoder)\.mid_block\.attentions\.0\.group_norm\."), "$1.mid.attn_1.norm."),
        (new(@"^(encoder|decoder)\.mid_block\.attentions\.0\.to_q\."), "$1.mid.attn_1.q."),
        (new(@"^(encoder|decoder)\.mid_block\.attentions\.0\.to_k\."), "$1.mid.attn_1.k."),
        (new(@"^(encoder|decoder)\.mid_block\.attentions\.0\.to_v\."), "$1.mid.attn_1.v."),
        (new(@"^(encoder|decoder)\.mid_block\.attentions\.0\.to_out\.0\."), "$1.mid.attn_1.proj_out."),
        (new(@"^(encoder|decoder)\.conv_norm_out\."), "$1.norm_out."),
        (new(@"\.conv_shortcut\.(weight|bias)$"), ".nin_shortcut.$1"),
    ];

    private static readonly Regex UpIndex = new(@"\{up:(\d+)\}");
    private static readonly Regex AttentionWeight = new(@"\.mid\.attn_1\.(q|k|v|proj_out)\.weight$");
    private static readonly Regex Recognized = new(@"^(encoder|decoder)\.(conv_in|conv_out|down\.|up\.|mid\.|norm_out\.)");

    public static void Apply(RecipeBuilder recipes)
    {
        int upCount = DiffusersTransformerFormat.BlockIndices(recipes, "decoder.up_blocks").DefaultIfEmpty(-1).Max() + 1;
        foreach (string stored in recipes.StoredNames.ToArray())
        {
            string reference = stored;
            foreach ((Regex pattern, string replacement) in Renames)
            {
                reference = pattern.Replace(reference, replacement);
            }
            reference = UpIndex.Replace(reference, m =>
                (upCount - 1 - int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture));
            if (!Recognized.IsMatch(reference))
            {
                continue; // e.g. quant_conv: offered under its stored name and reported unused
            }
            if (AttentionWeight.IsMatch(reference))
            {
                recipes.Reshape(reference, stored, shape => shape.Length == 2 ? [shape[0], shape[1], 1, 1] : null);
            }
            else
            {
                recipes.Rename(reference, stored);
            }
        }
    }
}
