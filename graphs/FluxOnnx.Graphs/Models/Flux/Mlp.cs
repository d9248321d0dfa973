using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Layers;
using FluxOnnx.Graphs.Weights;

namespace FluxOnnx.Graphs.Models.Flux;

/// <summary>
/// The double-stream blocks' <c>img_mlp</c> / <c>txt_mlp</c>: <c>nn.Sequential(Linear, GELU(approximate="tanh"), Linear)</c>,
/// weights at indices 0 and 2.
/// </summary>
public static class Mlp
{
    /// <summary>x [B, L, hidden] → [B, L, mlp_hidden] → GELU(tanh) → [B, L, hidden].</summary>
    public static Value Apply(WeightScope w, Value x, long hidden, long mlpHidden)
    {
        var g = w.Builder;
        Value h;
        using (var fc1 = w.Enter(0)) h = Linear.Apply(fc1, x, hidden, mlpHidden);       // [B, L, mlp_hidden]
        h = g.Gelu(h, "tanh");
        using var fc2 = w.Enter(2);
        return Linear.Apply(fc2, h, mlpHidden, hidden);                                   // [B, L, hidden]
    }
}
