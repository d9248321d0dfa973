namespace FluxOnnx.Packaging;

/// <summary>FLUX.1 variants a package can hold (FLUX-FACTS "Architecture": told apart by img_in width and guidance_in).</summary>
public static class FluxVariants
{
    public const string Schnell = "schnell";
    public const string Dev = "dev";
    public const string Fill = "fill";
    public const string Canny = "canny";
    public const string Depth = "depth";
    public const string Kontext = "kontext";
    public const string Redux = "redux";

    public static IReadOnlyList<string> All { get; } = [Schnell, Dev, Fill, Canny, Depth, Kontext, Redux];
}
