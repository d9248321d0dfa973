namespace FluxOnnx.Imaging;

/// <summary>How <see cref="PngEncoder"/> writes a PNG.</summary>
public sealed record PngEncoderOptions
{
    /// <summary>Shared default instance: adaptive filters, zlib level 6, no text.</summary>
    public static PngEncoderOptions Default { get; } = new();

    /// <summary>
    /// Null (default) chooses a filter per row by the minimum sum of absolute differences heuristic (PNG spec §12.8);
    /// a value forces that filter on every row.
    /// </summary>
    public PngFilter? Filter { get; init; }

    /// <summary>zlib level 0 (store) .. 9 (smallest); default 6, zlib's own default.</summary>
    public int CompressionLevel { get; init; } = 6;

    /// <summary>Text entries, written before IDAT in this order (tEXt when Latin-1 suffices, else iTXt UTF-8).</summary>
    public IReadOnlyList<PngTextEntry> Text { get; init; } = [];
}
