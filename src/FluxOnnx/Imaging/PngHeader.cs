namespace FluxOnnx.Imaging;

/// <summary>
/// The IHDR fields of a PNG (PNG spec §11.2.2). Compression and filter methods are always 0 and are checked
/// on read rather than stored.
/// </summary>
/// <param name="Width">Pixels per row, 1 .. 2^31 − 1.</param>
/// <param name="Height">Rows, 1 .. 2^31 − 1.</param>
/// <param name="BitDepth">Bits per sample (per palette index for <see cref="PngColorType.Palette"/>).</param>
/// <param name="ColorType">Colour type.</param>
/// <param name="Interlaced">True for Adam7 interlace (method 1), false for none (method 0).</param>
public readonly record struct PngHeader(int Width, int Height, int BitDepth, PngColorType ColorType, bool Interlaced)
{
    /// <summary>Samples per pixel as stored: 1 gray or palette, 2 gray+alpha, 3 RGB, 4 RGBA.</summary>
    public int SamplesPerPixel => ColorType switch
    {
        PngColorType.Gray or PngColorType.Palette => 1,
        PngColorType.GrayAlpha => 2,
        PngColorType.Rgb => 3,
        _ => 4,
    };

    /// <summary>Bits per stored pixel.</summary>
    public int BitsPerPixel => SamplesPerPixel * BitDepth;

    /// <summary>Whether <paramref name="bitDepth"/> is allowed with <paramref name="colorType"/> (PNG spec Table 11.1).</summary>
    public static bool IsValidCombination(PngColorType colorType, int bitDepth) => colorType switch
    {
        PngColorType.Gray => bitDepth is 1 or 2 or 4 or 8 or 16,
        PngColorType.Palette => bitDepth is 1 or 2 or 4 or 8,
        PngColorType.Rgb or PngColorType.GrayAlpha or PngColorType.Rgba => bitDepth is 8 or 16,
        _ => false,
    };
}
