namespace FluxOnnx;

/// <summary>
/// The FLUX.1 variant a package holds (manifest <c>variant</c>; spelled by <see cref="PackageNames"/>). The weights
/// tell Fill (img_in takes 384 channels) and schnell (no guidance_in) apart from the rest; Canny and Depth share every
/// shape, as do dev, Kontext and Redux (FLUX-FACTS "Architecture").
/// </summary>
public enum Variant
{
    Schnell,
    Dev,
    Fill,
    Canny,
    Depth,
    Kontext,
    Redux,
}
