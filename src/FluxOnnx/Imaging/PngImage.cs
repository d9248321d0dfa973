namespace FluxOnnx.Imaging;

/// <summary>A decoded PNG: its 8-bit pixels, its original header and its text entries in file order.</summary>
/// <param name="Pixels">The pixels, reduced to 8 bits per sample as <see cref="PngDecoder"/> documents.</param>
/// <param name="Header">IHDR as stored (bit depth, colour type, interlace of the file).</param>
/// <param name="Text">tEXt, zTXt and iTXt entries in the order they appear.</param>
public sealed record PngImage(PixelImage Pixels, PngHeader Header, IReadOnlyList<PngTextEntry> Text);
