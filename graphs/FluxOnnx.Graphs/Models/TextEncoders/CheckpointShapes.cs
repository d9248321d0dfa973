using System.Globalization;
using FluxOnnx.Graphs.Weights;

namespace FluxOnnx.Graphs.Models.TextEncoders;

/// <summary>
/// Reads hyper-parameters off a checkpoint's tensor shapes (for single files that come without a
/// <c>config.json</c>, such as ComfyUI's <c>clip_l.safetensors</c> and <c>t5xxl_fp16.safetensors</c>).
/// </summary>
internal static class CheckpointShapes
{
    /// <summary>The stored shape of <paramref name="name"/>; a <see cref="WeightMismatchException"/> naming it when absent.</summary>
    public static IReadOnlyList<long> Require(IWeightSource weights, string name) =>
        weights.ShapeOf(name) ?? throw new WeightMismatchException([name], [], []);

    /// <summary>
    /// The number of numbered sub-modules under <paramref name="prefix"/> (<c>encoder.block.</c> → 24): one more
    /// than the largest index present. A gap below it is left for the graph build to report as missing weights.
    /// </summary>
    public static int CountIndexed(IWeightSource weights, string prefix)
    {
        int count = 0;
        foreach (string name in weights.Names)
        {
            if (!name.StartsWith(prefix, StringComparison.Ordinal)) continue;
            string rest = name[prefix.Length..];
            int dot = rest.IndexOf('.');
            if (dot > 0 && int.TryParse(rest[..dot], NumberStyles.None, CultureInfo.InvariantCulture, out int index))
            {
                count = Math.Max(count, index + 1);
            }
        }
        return count;
    }

    /// <summary>Dimension <paramref name="axis"/> of a weight as an int (hyper-parameters fit easily).</summary>
    public static int Dim(IWeightSource weights, string name, int axis) => checked((int)Require(weights, name)[axis]);
}
