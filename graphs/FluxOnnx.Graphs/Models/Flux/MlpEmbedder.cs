using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Layers;
using FluxOnnx.Graphs.Weights;

namespace FluxOnnx.Graphs.Models.Flux;

/// <summary>flux <c>layers.py</c> <c>MLPEmbedder</c>: <c>out_layer(silu(in_layer(x)))</c>, used by time_in, vector_in, guidance_in.</summary>
public static class MlpEmbedder
{
    /// <summary>x [B, inDim] → [B, hidden]. Node names go under the builder's current scope.</summary>
    public static Value Apply(WeightScope w, Value x, long inDim, long hidden)
    {
        var g = w.Builder;
        Value h;
        using (var inLayer = w.Enter("in_layer")) h = Linear.Apply(inLayer, x, inDim, hidden);   // [B, hidden]
        h = Silu.Apply(g, h);
        using var outLayer = w.Enter("out_layer");
        return Linear.Apply(outLayer, h, hidden, hidden);
    }
}
