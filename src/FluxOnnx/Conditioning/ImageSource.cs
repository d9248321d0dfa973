using FluxOnnx.Imaging;

namespace FluxOnnx.Conditioning;

/// <summary>
/// An input image of a generate request: a PNG, JPEG or WebP file to decode (<see cref="ImageDecoder"/>), or pixels
/// the caller already holds. Decoding happens when the pipeline checks the request, before any model runs, with
/// <see cref="ImageDecoderOptions"/>' pixel limit applied to the header (a huge image is refused before anything
/// proportional to it is allocated).
/// </summary>
/// <remarks>Immutable; a <see cref="PixelImage"/> given here is read, never modified, and must not be changed while a
/// call that uses it runs.</remarks>
public sealed class ImageSource
{
    private ImageSource(string? path, PixelImage? pixels)
    {
        Path = path;
        Pixels = pixels;
    }

    /// <summary>The image file to decode, or null for <see cref="FromPixels"/>.</summary>
    public string? Path { get; }

    /// <summary>The pixels given directly, or null for <see cref="FromFile"/>.</summary>
    public PixelImage? Pixels { get; }

    /// <summary>A PNG, JPEG or WebP file (the format is read from its bytes, not its name), decoded when the request is checked.</summary>
    public static ImageSource FromFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new ImageSource(path, null);
    }

    /// <summary>Pixels already decoded (gray, RGB or RGBA; converted as PIL's <c>convert</c> would).</summary>
    public static ImageSource FromPixels(PixelImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return new ImageSource(null, image);
    }

    /// <summary>The pixels: <see cref="Pixels"/>, or the decoded file.</summary>
    /// <exception cref="ImageFormatException">The file is not a decodable PNG, JPEG or WebP
    /// (<see cref="ImageTooLargeException"/> when its header declares more pixels than <paramref name="options"/> allow).</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public PixelImage Load(ImageDecoderOptions? options = null) =>
        Pixels ?? ImageDecoder.DecodeFile(Path!, options);

    /// <summary>The path, or the pixel size for in-memory images.</summary>
    public override string ToString() => Path ?? $"{Pixels!.Width}x{Pixels.Height} pixels ({Pixels.Channels} channels)";
}
