namespace FluxOnnx.Imaging;

/// <summary>Why a PNG was refused. Carried by <see cref="PngFormatException.Error"/> so callers never parse messages.</summary>
public enum PngError
{
    /// <summary>The first 8 bytes are not the PNG signature 89 50 4E 47 0D 0A 1A 0A.</summary>
    BadSignature,
    /// <summary>The stream ends inside a chunk, or before IEND.</summary>
    Truncated,
    /// <summary>A chunk's stored CRC differs from the CRC of its type and data.</summary>
    CrcMismatch,
    /// <summary>IHDR is missing, misplaced, the wrong length or holds an invalid field or combination.</summary>
    BadHeader,
    /// <summary>Chunks are out of order, duplicated, or an unknown critical chunk is present.</summary>
    BadChunkOrder,
    /// <summary>PLTE is missing for a palette image, has a bad length, or a pixel indexes past its end; or tRNS is malformed.</summary>
    BadPalette,
    /// <summary>The zlib stream inside IDAT (or a compressed text chunk) is corrupt.</summary>
    BadCompression,
    /// <summary>The inflated image data is shorter than the header requires.</summary>
    TooLittleData,
    /// <summary>The inflated image data is longer than the header allows.</summary>
    TooMuchData,
    /// <summary>A scanline starts with a filter type other than 0..4.</summary>
    BadFilter,
    /// <summary>A tEXt, zTXt or iTXt chunk is malformed (keyword, separators, encoding).</summary>
    BadText,
    /// <summary>Width × height exceeds the configured pixel limit; see <see cref="ImageTooLargeException"/>.</summary>
    TooLarge,
}
