using FluxOnnx.Graphs.Models.Flux;

namespace FluxOnnx.Bench.Quantization;

/// <summary>
/// The quantizable Linears of one FLUX transformer step (every block Linear; not the embedders or final_layer, which
/// stay fp32 in every precision), as (name, M, K, N) for batch 1: per double block img_mod/txt_mod.lin (M = 1),
/// img/txt qkv, proj, mlp.0, mlp.2; per single block modulation.lin (M = 1), linear1, linear2 (flux layers.py).
/// </summary>
internal static class StepLinearShapes
{
    public static IReadOnlyList<(string Name, long M, long K, long N)> Of(FluxConfig c, long imgTokens, long txtTokens)
    {
        long h = c.HiddenSize, m = c.MlpHiddenDim, joint = imgTokens + txtTokens;
        var shapes = new List<(string, long, long, long)>();
        for (int i = 0; i < c.Depth; i++)
        {
            foreach (var (stream, tokens) in new[] { ("img", imgTokens), ("txt", txtTokens) })
            {
                string p = $"double_blocks.{i}.{stream}";
                shapes.Add(($"{p}_mod.lin", 1, h, 6 * h));
                shapes.Add(($"{p}_attn.qkv", tokens, h, 3 * h));
                shapes.Add(($"{p}_attn.proj", tokens, h, h));
                shapes.Add(($"{p}_mlp.0", tokens, h, m));
                shapes.Add(($"{p}_mlp.2", tokens, m, h));
            }
        }
        for (int i = 0; i < c.DepthSingleBlocks; i++)
        {
            string p = $"single_blocks.{i}";
            shapes.Add(($"{p}.modulation.lin", 1, h, 3 * h));
            shapes.Add(($"{p}.linear1", joint, h, 3 * h + m));
            shapes.Add(($"{p}.linear2", joint, h + m, h));
        }
        return shapes;
    }
}
