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
    /// <summary>x [B, C, h, w] → [B, C, h, w], the <c>mid</c> module of <paramref name="parent"/> (nodes under <c>mid</c>).</summary>
    public static Value Apply(WeightScope parent, Value x, long channels, AttentionForm attention)
    {
        var g = parent.Builder;
        using var mid = parent.Enter("mid");
        Value h;
        using (var block1 = mid.Enter("block_1"))
        {
            h = ResnetBlock.Apply(block1, x, channels, channels);
        }
        // fp16 keeps the mid-block attention in float32 (FLUX-FACTS "Known traps").
        using (var attn1 = mid.Enter("attn_1"))
        using (g.KeepFloat32())
        {
            h = AttnBlock.Apply(attn1, h, channels, attention);
        }
        using (var block2 = mid.Enter("block_2"))
        {
            return ResnetBlock.Apply(block2, h, channels, channels);
        }
    }
}
