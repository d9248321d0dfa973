using System.Globalization;

namespace FluxOnnx.Runtime.Providers;

/// <summary>One TensorRT optimization-profile entry: the smallest, typical and largest shape of a graph input.</summary>
/// <param name="Input">The graph input's name.</param>
/// <param name="Min">Smallest shape, one value per axis.</param>
/// <param name="Opt">The shape TensorRT tunes for.</param>
/// <param name="Max">Largest shape.</param>
public sealed record TensorRtProfile(string Input, IReadOnlyList<long> Min, IReadOnlyList<long> Opt, IReadOnlyList<long> Max)
{
    /// <summary>ORT's profile option value: <c>name:d0xd1x…</c>, entries joined by commas.</summary>
    public static string Format(IEnumerable<TensorRtProfile> profiles, Func<TensorRtProfile, IReadOnlyList<long>> shape) =>
        string.Join(",", profiles.Select(p =>
            p.Input + ":" + string.Join("x", shape(p).Select(d => d.ToString(CultureInfo.InvariantCulture)))));
}
