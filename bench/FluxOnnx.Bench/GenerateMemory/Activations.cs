using FluxOnnx.Graphs.Models.Autoencoder;
using FluxOnnx.Graphs.Models.Clip;
using FluxOnnx.Graphs.Models.Flux;
using FluxOnnx.Graphs.Models.T5;

namespace FluxOnnx.Bench.GenerateMemory;

/// <summary>
/// Estimates, not measurements, of the largest simultaneously live fp32 activations of each component at batch 1:
/// the few biggest intermediate tensors of its widest layer. Upper-bound flavoured: attention counts one full
/// [heads, T, T] score buffer, as an unfused kernel would hold.
/// </summary>
internal static class Activations
{
    /// <summary>
    /// T = (size/16)² image + text tokens, H hidden, n heads: 4·(T·(3H + 7H + 4H + 2H) + n·T²) bytes — qkv [T, 3H],
    /// the single block's linear1 output [T, 3H + 4H], its GELU [T, 4H], the residual in and out [T, H] each,
    /// one attention score buffer [n, T, T].
    /// </summary>
    public static long Transformer(FluxConfig c, int size, int textLength)
    {
        long t = (long)(size / 16) * (size / 16) + textLength, h = c.HiddenSize;
        return 4 * (t * 16 * h + c.NumHeads * t * t);
    }

    /// <summary>L tokens: 4·(2·L·d_ff + 2·L·d_model + n·L²) — the gated FFN's two [L, d_ff], residual in/out, scores.</summary>
    public static long T5(T5EncoderConfig c, int textLength)
    {
        long l = textLength;
        return 4 * (2 * l * c.DFf + 2 * l * c.DModel + c.NumHeads * l * l);
    }

    /// <summary>77 tokens: 4·(77·I + 2·77·H + n·77²).</summary>
    public static long Clip(ClipTextConfig c)
    {
        long l = c.MaxPositionEmbeddings;
        return 4 * (l * c.IntermediateSize + 2 * l * c.HiddenSize + c.NumAttentionHeads * l * l);
    }

    /// <summary>
    /// S×S output: the first ResnetBlock at full resolution takes ch·ch_mult[1] channels (256) and makes ch (128):
    /// its input, its normed input and its conv output live together, 4·S²·(2·ch·ch_mult[1] + ch) bytes; the
    /// mid-block attention's [(S/8)², (S/8)²] scores are smaller at every size this is run at, but are counted if larger.
    /// </summary>
    public static long VaeDecoder(AutoencoderConfig c, int size)
    {
        long s2 = (long)size * size;
        long fullRes = 4 * s2 * (2 * c.Ch * c.ChMult[1] + c.Ch);
        long tokens = s2 / 64, mid = 4 * tokens * tokens;
        return Math.Max(fullRes, mid);
    }
}
