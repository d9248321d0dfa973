using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Weights;
using FluxOnnx.Graphs.Layers;

namespace FluxOnnx.Graphs.Models.Autoencoder;

/// <summary>flux <c>autoencoder.py</c> <c>Decoder</c>: an (unscaled) latent back to images.</summary>
internal static class Decoder
{
    /// <summary>
    /// With L = len(ch_mult) levels, walked coarsest first as the reference does (weights stay indexed by level):
    /// <code>
    ///  z [B, z_channels, h, w]
    ///    conv_in 3×3                                     [B, ch·ch_mult[L−1], h, w]
    ///    mid: block_1, attn_1, block_2                   [B, ch·ch_mult[L−1], h, w]
    ///    up.{i}, i = L−1 … 0:
    ///      block.{j}, j ≤ num_res_blocks: ResnetBlock     [B, ch·ch_mult[i], h·2^(L−1−i), …]
    ///      upsample (all levels but 0): nearest ×2, conv  [B, ch·ch_mult[i], h·2^(L−i), …]
    ///    norm_out, swish, conv_out 3×3                   [B, out_ch, h·2^(L−1), w·2^(L−1)]
    /// </code>
    /// </summary>
    public static Value Apply(WeightScope decoder, Value z, AutoencoderConfig config, AttentionForm attention)
    {
        var g = decoder.Builder;
        int ch = config.Ch;
        long blockIn = config.MidChannels;
        var h = Conv2d.Same3x3(decoder, "conv_in", z, config.ZChannels, blockIn);

        h = MidBlock.Apply(decoder, h, blockIn, attention);

        for (int i = config.ChMult.Count - 1; i >= 0; i--)
        {
            using var up = decoder.Enter("up", i);
            long blockOut = (long)ch * config.ChMult[i];
            for (int j = 0; j < config.NumResBlocks + 1; j++)
            {
                using (var block = up.Enter("block", j))
                {
                    h = ResnetBlock.Apply(block, h, blockIn, blockOut);
                }
                blockIn = blockOut;
            }
            if (i != 0)
            {
                using (var upsample = up.Enter("upsample"))
                {
                    h = Upsample.Apply(upsample, h, blockIn);
                }
            }
        }

        h = GroupNorm.Apply(decoder, "norm_out", h, blockIn);
        h = GroupNorm.Swish(g, h);
        return Conv2d.Same3x3(decoder, "conv_out", h, blockIn, config.OutCh);
    }
}
