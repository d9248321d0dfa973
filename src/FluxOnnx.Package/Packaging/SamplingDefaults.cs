namespace FluxOnnx.Packaging;

/// <summary>
/// Sampling defaults recorded per variant (values from FLUX-FACTS "Schedule and sampling", which cites
/// black-forest-labs/flux <c>src/flux/cli*.py</c>): schnell 4 steps without shift and without guidance input;
/// dev 50 / 3.5; Fill 50 / 30; Canny 50 / 30; Depth 50 / 10; Kontext 30 / 2.5.
/// </summary>
/// <param name="Steps">Default number of denoising steps.</param>
/// <param name="Guidance">Default guidance scale, or null when the transformer has no guidance input.</param>
/// <param name="Shift">Whether the schedule applies BFL's resolution-dependent time shift.</param>
/// <param name="Width">Default image width in pixels.</param>
/// <param name="Height">Default image height in pixels.</param>
public sealed record SamplingDefaults(int Steps, float? Guidance, bool Shift, int Width, int Height);
