using FluxOnnx.Graphs.Weights;

namespace FluxOnnx.Converter.Conversion;

/// <summary>Maps a <c>--precision</c> name to the weight policy applied at the graphs' single Linear emission point.</summary>
internal static class WeightPolicies
{
    public static IReadOnlyList<string> Supported { get; } = ["fp32"];

    public static WeightPolicy For(string precision) => precision switch
    {
        "fp32" => WeightPolicy.Float32,
        _ => throw new ConversionException("--precision", $"'{precision}' is not supported (supported: {string.Join(", ", Supported)})"),
    };
}
