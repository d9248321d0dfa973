namespace FluxOnnx.Imaging;

/// <summary>How <see cref="PngEncoder"/> writes a PNG.</summary>
public sealed record PngEncoderOptions
{
    /// <summary>Shared default instance: zlib level 6, no text.</summary>
    public static PngEncoderOptions Default { get; } = new();

    /// <summary>zlib level 0 (store) .. 9 (smallest); default 6, zlib's own default.</summary>
    public int CompressionLevel { get; init; } = 6;

    /// <summary>Text entries, written right after IHDR in this order (tEXt when Latin-1 suffices, else iTXt UTF-8).</summary>
    public IReadOnlyList<PngTextEntry> Text { get; init; } = [];
}
