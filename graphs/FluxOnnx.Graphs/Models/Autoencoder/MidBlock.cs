using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Weights;
using FluxOnnx.Graphs.Layers;

namespace FluxOnnx.Graphs.Models.Autoencoder;

/// <summary>
/// The <c>mid</c> module the encoder and decoder share in shape: ResnetBlock <c>block_1</c>, AttnBlock
/// <c>attn_1</c>, ResnetBlock <c>block_2</c>, all at the coarsest level's channel count.
/// </summary>
internal static class MidBlock
{
    /// <summary>x [B, C, h, w] → [B, C, h, w], nodes under graph scope <c>mid</c>.</summary>
    public static Value Apply(WeightScope mid, Value x, long channels, AttentionForm attention)
    {
        var g = mid.Builder;
        using var scope = g.Scope("mid");
        Value h;
        using (g.Scope("block_1"))
        {
            h = ResnetBlock.Apply(mid["block_1"], x, channels, channels);
        }
        using (g.Scope("attn_1"))
        {
            h = AttnBlock.Apply(mid["attn_1"], h, channels, attention);
        }
        using (g.Scope("block_2"))
        {
            return ResnetBlock.Apply(mid["block_2"], h, channels, channels);
        }
    }
}
