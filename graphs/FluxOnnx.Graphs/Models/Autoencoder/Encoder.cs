using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Weights;
using FluxOnnx.Graphs.Layers;

namespace FluxOnnx.Graphs.Models.Autoencoder;

/// <summary>flux <c>autoencoder.py</c> <c>Encoder</c>: images to the Gaussian moments (mean | logvar).</summary>
internal static class Encoder
{
    /// <summary>
    /// With L = len(ch_mult) levels and f = 2^(L−1):
    /// <code>
    ///  x [B, in_channels, H, W]
    ///    conv_in 3×3                                  [B, ch, H, W]
    ///    down.{i}, i = 0 … L−1:
    ///      block.{j}, j &lt; num_res_blocks: ResnetBlock  [B, ch·ch_mult[i], H/2^i, W/2^i]
    ///      downsample (all levels but the last)         [B, ch·ch_mult[i], H/2^(i+1), W/2^(i+1)]
    ///    mid: block_1, attn_1, block_2                [B, ch·ch_mult[L−1], H/f, W/f]
    ///    norm_out, swish, conv_out 3×3                [B, 2·z_channels, H/f, W/f]  (mean | logvar)
    /// </code>
    /// Nodes are named after the module path under the caller's graph scope.
    /// </summary>
    public static Value Apply(WeightScope encoder, Value x, AutoencoderConfig config, AttentionForm attention)
    {
        var g = encoder.Builder;
        int ch = config.Ch;
        var h = Conv2d.Same3x3(encoder, "conv_in", x, config.InChannels, ch);

        long blockIn = ch;
        for (int i = 0; i < config.ChMult.Count; i++)
        {
            using var down = encoder.Enter("down", i);
            long blockOut = (long)ch * config.ChMult[i];
            for (int j = 0; j < config.NumResBlocks; j++)
            {
                using (var block = down.Enter("block", j))
                {
                    h = ResnetBlock.Apply(block, h, blockIn, blockOut);
                }
                blockIn = blockOut;
            }
            if (i != config.ChMult.Count - 1)
            {
                using (var downsample = down.Enter("downsample"))
                {
                    h = Downsample.Apply(downsample, h, blockIn);
                }
            }
        }

        h = MidBlock.Apply(encoder, h, blockIn, attention);

        h = GroupNorm.Apply(encoder, "norm_out", h, blockIn);
        h = GroupNorm.Swish(g, h);
        return Conv2d.Same3x3(encoder, "conv_out", h, blockIn, 2L * config.ZChannels);
    }
}
