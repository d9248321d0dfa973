namespace FluxOnnx.Imaging;

/// <summary>PNG scanline filter types (PNG spec §9.2), the byte that starts every filtered row.</summary>
public enum PngFilter : byte
{
    None = 0,
    /// <summary>Difference with the byte one pixel to the left.</summary>
    Sub = 1,
    /// <summary>Difference with the byte above.</summary>
    Up = 2,
    /// <summary>Difference with the floor of the mean of left and above.</summary>
    Average = 3,
    /// <summary>Difference with the Paeth predictor of left, above and upper-left.</summary>
    Paeth = 4,
}
