using FluxOnnx.Graphs.Building;

namespace FluxOnnx.Graphs.Models.Flux;

/// <summary>
/// flux <c>layers.py</c> <c>EmbedND</c> with <c>math.py</c> <c>rope</c>: multi-axis rotary angles from
/// position ids, computed in the graph in float32. Axis i of the ids drives <c>axes_dim[i] / 2</c> frequency
/// pairs with ω = 1 / θ^(2j / axes_dim[i]); the pairs of all axes are concatenated in axis order (16 + 56 + 56
/// = 128 for FLUX.1: pairs 0-7 time, 8-35 row, 36-63 column).
/// </summary>
public static class EmbedND
{
    /// <summary>
    /// <code>
    ///   ids [L, 3] ─Gather(axis of column)─► pos [L, D] ─× ω [D]─► θ [L, D] ─┬─cos────────► [L, 1, D]
    ///                                                                         └─sin × (−1,+1,…)─► [L, 1, D]
    /// </code>
    /// D = head_dim; columns 2k and 2k+1 share pair k's axis and ω, so each angle is <c>pos·ω</c> exactly as
    /// BFL's einsum forms it. ω is computed in double and rounded once.
    /// </summary>
    public static RopeTable Apply(GraphBuilder g, Value ids, IReadOnlyList<int> axesDim, int theta)
    {
        int headDim = axesDim.Sum();
        var axisOfColumn = new long[headDim];
        var omega = new float[headDim];
        var sinSign = new float[headDim];
        int column = 0;
        for (int axis = 0; axis < axesDim.Count; axis++)
        {
            int dim = axesDim[axis];
            for (int pair = 0; pair < dim / 2; pair++)
            {
                float w = (float)(1.0 / Math.Pow(theta, 2.0 * pair / dim));
                for (int half = 0; half < 2; half++, column++)
                {
                    axisOfColumn[column] = axis;
                    omega[column] = w;
                    sinSign[column] = half == 0 ? -1f : 1f;  // row 0 of the rotation is (cos, −sin), row 1 (sin, cos)
                }
            }
        }
        var pos = g.Gather(ids, g.Constant(axisOfColumn), axis: 1);                       // [L, D]
        var angles = g.Mul(pos, g.Constant(omega));                                        // [L, D]
        var cos = g.Cos(angles);                                                           // [L, D]
        var sin = g.Mul(g.Sin(angles), g.Constant(sinSign));                               // [L, D]
        return new RopeTable(g.Unsqueeze(cos, 1), g.Unsqueeze(sin, 1));                   // [L, 1, D] each
    }
}
