namespace FluxOnnx.Converter.Conversion;

/// <summary>
/// Per-variant sampling defaults and T5 lengths, from FLUX-FACTS "Schedule and sampling" (which cites BFL's CLIs):
/// schnell 4 steps, no guidance input, no shift, T5 256; dev 50 / 3.5; Fill 50 / 30 with T5 128 (BFL's fill CLI);
/// Canny 50 / 30; Depth 50 / 10; Kontext 30 / 2.5; Redux follows dev. All but schnell use the shifted schedule.
/// </summary>
public static class VariantDefaults
{
    public static (int Steps, float? Guidance, bool Shift) Sampling(Variant variant) => variant switch
    {
        Variant.Schnell => (4, null, false),
        Variant.Fill => (50, 30f, true),
        Variant.Canny => (50, 30f, true),
        Variant.Depth => (50, 10f, true),
        Variant.Kontext => (30, 2.5f, true),
        _ => (50, 3.5f, true),
    };

    public static int T5Length(Variant variant) => variant switch
    {
        Variant.Schnell => 256,
        Variant.Fill => 128,
        _ => 512,
    };

    /// <summary>
    /// The variant the transformer's weights imply (FLUX-FACTS "Architecture"), with the diffusers pipeline class
    /// (<see cref="DiffusersPipelineClass"/>) when the weights come from a pipeline folder: <c>img_in</c> input width
    /// 384 → fill; 64 without <c>guidance_in</c> → schnell; 64 with it → dev under <c>FluxPipeline</c>, kontext under
    /// <c>FluxKontextPipeline</c>. The rest cannot be told and throw <see cref="AmbiguousVariantException"/> naming
    /// the candidates: 128 is canny or depth (both use <c>FluxControlPipeline</c>); 64 with guidance_in and no
    /// pipeline class is dev, kontext or redux; any other width is no known variant. Never looks at file names.
    /// </summary>
    public static Variant Detect(long inChannels, bool guidanceEmbed, string? pipelineClass = null)
    {
        var evidence = $"img_in.weight takes {inChannels} input channels, guidance_in {(guidanceEmbed ? "present" : "absent")}";
        return (inChannels, guidanceEmbed, pipelineClass) switch
        {
            (384, _, _) => Variant.Fill,
            (128, _, _) => throw new AmbiguousVariantException([Variant.Canny, Variant.Depth], evidence),
            (64, false, _) => Variant.Schnell,
            (64, true, "FluxPipeline") => Variant.Dev,
            (64, true, "FluxKontextPipeline") => Variant.Kontext,
            (64, true, _) => throw new AmbiguousVariantException([Variant.Dev, Variant.Kontext, Variant.Redux],
                evidence + (pipelineClass is null ? "" : $", pipeline class {pipelineClass}")),
            _ => throw new AmbiguousVariantException(Enum.GetValues<Variant>(), evidence + ", which no known variant has"),
        };
    }
}
