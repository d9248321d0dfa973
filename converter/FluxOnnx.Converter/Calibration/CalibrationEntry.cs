namespace FluxOnnx.Converter.Calibration;

/// <summary>The calibrated input range of one Linear.</summary>
/// <param name="Name">The Linear's weight scope, as the graph names it (<c>double_blocks.0.img_attn.qkv</c>).</param>
/// <param name="Amax">max |x| of the Linear's input over every recorded transformer evaluation.</param>
/// <param name="Samples">How many transformer evaluations the maximum was taken over.</param>
public sealed record CalibrationEntry(string Name, float Amax, int Samples);
