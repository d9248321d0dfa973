namespace FluxOnnx.Imaging;

/// <summary>The image container formats FluxOnnx reads (<see cref="ImageDecoder"/>) and writes.</summary>
public enum ImageFileFormat
{
    /// <summary>PNG (ISO/IEC 15948): lossless; output carries text chunks.</summary>
    Png,
    /// <summary>JPEG (JFIF): lossy; output carries an EXIF APP1 segment.</summary>
    Jpeg,
    /// <summary>WebP (RIFF, VP8 or VP8L): output is lossy VP8 with an EXIF chunk.</summary>
    Webp,
}
