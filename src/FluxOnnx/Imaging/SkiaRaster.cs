using SkiaSharp;

namespace FluxOnnx.Imaging;

/// <summary>
/// Hands a <see cref="PixelImage"/> to a SkiaSharp encoder as an <see cref="SKPixmap"/>. Gray is
/// <see cref="SKColorType.Gray8"/>; RGB, which Skia has no 3-byte type for, is expanded to RGBA with alpha 255 and
/// marked opaque (so the PNG encoder writes colour type 2, RGB); RGBA is straight (unpremultiplied) alpha.
/// </summary>
internal static class SkiaRaster
{
    /// <summary>
    /// The bytes <paramref name="encode"/> produces from a pixmap that views the image (or its RGBA expansion).
    /// The pixmap is valid only during the call.
    /// </summary>
    /// <exception cref="InvalidOperationException">The encoder returned nothing.</exception>
    public static unsafe byte[] Encode(PixelImage image, Func<SKPixmap, SKData?> encode, string what)
    {
        ArgumentNullException.ThrowIfNull(image);
        byte[] pixels = image.Channels == 3 ? ToRgba(image) : image.Pixels;
        var info = new SKImageInfo(image.Width, image.Height,
            image.Channels == 1 ? SKColorType.Gray8 : SKColorType.Rgba8888,
            image.Channels == 4 ? SKAlphaType.Unpremul : SKAlphaType.Opaque);
        fixed (byte* p = pixels)
        {
            using var pixmap = new SKPixmap(info, (IntPtr)p, info.RowBytes);
            using var data = encode(pixmap)
                ?? throw new InvalidOperationException($"SkiaSharp's {what} encoder returned no data for a {image.Width} x {image.Height} x {image.Channels} image");
            return data.ToArray();
        }
    }

    private static byte[] ToRgba(PixelImage image)
    {
        int n = image.Width * image.Height;
        var rgba = GC.AllocateUninitializedArray<byte>(n * 4);
        byte[] rgb = image.Pixels;
        for (int i = 0; i < n; i++)
        {
            rgba[4 * i] = rgb[3 * i];
            rgba[(4 * i) + 1] = rgb[(3 * i) + 1];
            rgba[(4 * i) + 2] = rgb[(3 * i) + 2];
            rgba[(4 * i) + 3] = 255;
        }
        return rgba;
    }
}
