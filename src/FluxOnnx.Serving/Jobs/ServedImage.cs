using FluxOnnx.Imaging;

namespace FluxOnnx.Serving.Jobs;

/// <summary>One generated image, encoded. <see cref="Bytes"/> is owned by this record.</summary>
/// <param name="Bytes">The file bytes (PNG with a <c>parameters</c> text chunk, or JPEG / WebP with EXIF).</param>
/// <param name="Format">Their format.</param>
/// <param name="Seed">The seed that drew this image's noise (a single run with it reproduces the image).</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
public sealed record ServedImage(byte[] Bytes, ImageFileFormat Format, ulong Seed, int Width, int Height);
