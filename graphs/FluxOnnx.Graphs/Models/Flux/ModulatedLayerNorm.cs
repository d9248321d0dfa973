using FluxOnnx.Graphs.Building;

namespace FluxOnnx.Graphs.Models.Flux;

/// <summary>
/// The adaptive norm every FLUX sub-layer opens with: <c>(1 + scale) · LayerNorm(x) + shift</c>, where the
/// LayerNorm is <c>nn.LayerNorm(hidden, elementwise_affine=False, eps=1e-6)</c> (img_norm1/2, txt_norm1/2,
/// pre_norm, norm_final in flux <c>layers.py</c>).
/// </summary>
public static class ModulatedLayerNorm
{
    /// <summary>eps of every affine-free LayerNorm in the reference.</summary>
    public const float Epsilon = 1e-6f;

    /// <summary>x [B, L, hidden]; shift and scale broadcast as [B, 1, hidden]. Returns [B, L, hidden].</summary>
    public static Value Apply(GraphBuilder g, Value x, Value shift, Value scale, long hidden)
    {
        // No affine parameters: LayerNormalization takes a ones scale and no bias (one shared constant).
        var normed = g.LayerNormalization(x, g.Constant(Enumerable.Repeat(1f, checked((int)hidden)).ToArray()), epsilon: Epsilon);
        var onePlusScale = g.Add(scale, g.Constant(1f));                                 // [B, 1, hidden]
        return g.Add(g.Mul(onePlusScale, normed), shift);                               // [B, L, hidden]
    }
}
