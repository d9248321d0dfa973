using FluxOnnx.Packaging;

namespace FluxOnnx.Converter.Conversion;

/// <summary>
/// Per-variant sampling defaults and T5 lengths, from FLUX-FACTS "Schedule and sampling" (which cites BFL's CLIs):
/// schnell 4 steps, no guidance input, no shift, T5 256; dev 50 / 3.5; Fill 50 / 30 with T5 128 (BFL's fill CLI);
/// Canny 50 / 30; Depth 50 / 10; Kontext 30 / 2.5; Redux follows dev. All but schnell use the shifted schedule.
/// </summary>
public static class VariantDefaults
{
    public static (int Steps, float? Guidance, bool Shift) Sampling(string variant) => variant switch
    {
        FluxVariants.Schnell => (4, null, false),
        FluxVariants.Fill => (50, 30f, true),
        FluxVariants.Canny => (50, 30f, true),
        FluxVariants.Depth => (50, 10f, true),
        FluxVariants.Kontext => (30, 2.5f, true),
        _ => (50, 3.5f, true),
    };

    public static int T5Length(string variant) => variant switch
    {
        FluxVariants.Schnell => 256,
        FluxVariants.Fill => 128,
        _ => 512,
    };

    /// <summary>
    /// The variant implied by the transformer's input width and guidance embedding (FLUX-FACTS "Architecture"):
    /// 384 → fill; 128 → canny or depth (weights cannot tell them apart; <paramref name="hint"/> — a file name or
    /// an explicit choice — decides, canny otherwise); 64 without guidance → schnell; 64 with guidance → dev,
    /// or kontext / redux when the hint names them.
    /// </summary>
    public static string Detect(long inChannels, bool guidanceEmbed, string? hint)
    {
        var h = hint?.ToLowerInvariant() ?? "";
        return (inChannels, guidanceEmbed) switch
        {
            (384, _) => FluxVariants.Fill,
            (128, _) => h.Contains("depth", StringComparison.Ordinal) ? FluxVariants.Depth : FluxVariants.Canny,
            (_, false) => FluxVariants.Schnell,
            _ when h.Contains("kontext", StringComparison.Ordinal) => FluxVariants.Kontext,
            _ when h.Contains("redux", StringComparison.Ordinal) => FluxVariants.Redux,
            _ => FluxVariants.Dev,
        };
    }
}
