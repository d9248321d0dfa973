namespace FluxOnnx.Imaging;

/// <summary>Why an image was refused. Carried by <see cref="ImageFormatException.Error"/> so callers never parse messages.</summary>
public enum ImageError
{
    /// <summary>The bytes are not a PNG, JPEG or WebP image: another format (GIF, BMP, …) or no image at all.</summary>
    UnknownFormat,
    /// <summary>
    /// The data ends before the header or the image is complete. The codec also reports a PNG header it cannot
    /// parse this way (a bad IHDR CRC or field), and a zlib stream that stops yielding scanlines.
    /// </summary>
    Truncated,
    /// <summary>The codec found an error in the data (a bad chunk CRC, an invalid filter type, a corrupt bitstream).</summary>
    Corrupt,
    /// <summary>Width × height exceeds the configured pixel limit; see <see cref="ImageTooLargeException"/>.</summary>
    TooLarge,
    /// <summary>PNG chunk walk: the first 8 bytes are not the PNG signature 89 50 4E 47 0D 0A 1A 0A.</summary>
    BadSignature,
    /// <summary>PNG chunk walk: a chunk's stored CRC differs from the CRC of its type and data.</summary>
    CrcMismatch,
    /// <summary>PNG chunk walk: the first chunk is not IHDR, or a chunk type is not four ASCII letters.</summary>
    BadChunkOrder,
    /// <summary>PNG chunk walk: a tEXt, zTXt or iTXt chunk is malformed (keyword, separators, encoding).</summary>
    BadText,
    /// <summary>PNG chunk walk: the zlib stream of a compressed text chunk is corrupt.</summary>
    BadCompression,
}
