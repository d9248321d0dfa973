using FluxOnnx.Graphs.Weights;

namespace FluxOnnx.Converter.Checkpoints;

/// <summary>
/// An <see cref="IWeightSource"/> that can also hand out scaled-fp8 weights undequantized.
/// <see cref="IWeightSource.Open"/> always dequantizes (W = float(fp8) × scale) into the asked float type;
/// <see cref="OpenQuantized"/> is the raw alternative for a later "keep fp8" precision policy.
/// </summary>
public interface IQuantizedWeightSource : IWeightSource
{
    /// <summary>
    /// The fp8 payload and scales of <paramref name="name"/> when it is stored as scaled fp8 and taken whole
    /// from one stored tensor (a rename or reshape); null otherwise: not quantized, absent, or assembled by a
    /// concat or swap (those have one scale per part, so only the dequantized form exists).
    /// </summary>
    QuantizedWeight? OpenQuantized(string name);
}
