namespace FluxOnnx.Imaging;

/// <summary>PNG colour types (PNG spec §11.2.2, IHDR byte 9) with the bit depths each allows.</summary>
public enum PngColorType : byte
{
    /// <summary>Gray; bit depths 1, 2, 4, 8, 16.</summary>
    Gray = 0,
    /// <summary>RGB; bit depths 8, 16.</summary>
    Rgb = 2,
    /// <summary>Palette indices into PLTE; bit depths 1, 2, 4, 8.</summary>
    Palette = 3,
    /// <summary>Gray + alpha; bit depths 8, 16.</summary>
    GrayAlpha = 4,
    /// <summary>RGB + alpha; bit depths 8, 16.</summary>
    Rgba = 6,
}
