namespace FluxOnnx.Imaging;

/// <summary>
/// An 8-bit raster: <see cref="Height"/> rows of <see cref="Width"/> pixels, each of <see cref="Channels"/>
/// interleaved samples, row-major, no padding. <c>Pixels[(y * Width + x) * Channels + c]</c>.
/// Channels: 1 gray (L), 3 RGB, 4 RGBA (straight, not premultiplied alpha). The layout is numpy's
/// <c>np.array(pil_image)</c> [H, W, C] (squeezed for L), the layout of the fixtures' <c>*_uint8</c> tensors.
/// </summary>
/// <remarks>The image owns <see cref="Pixels"/>; it is mutable and not copied on access.</remarks>
public sealed class PixelImage
{
    /// <summary>Wraps <paramref name="pixels"/> (not copied). Its length must be exactly width × height × channels.</summary>
    public PixelImage(int width, int height, int channels, byte[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (channels is not (1 or 3 or 4))
        {
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "channels must be 1 (gray), 3 (RGB) or 4 (RGBA)");
        }
        ArgumentNullException.ThrowIfNull(pixels);
        long expected = (long)width * height * channels;
        if (pixels.LongLength != expected)
        {
            throw new ArgumentException(
                $"pixel buffer holds {pixels.LongLength} bytes but {width} x {height} x {channels} needs {expected}", nameof(pixels));
        }
        Width = width;
        Height = height;
        Channels = channels;
        Pixels = pixels;
    }

    /// <summary>A zero-filled image.</summary>
    public PixelImage(int width, int height, int channels)
        : this(width, height, channels, new byte[checked(width * height * channels)])
    {
    }

    public int Width { get; }
    public int Height { get; }

    /// <summary>1 (gray), 3 (RGB) or 4 (RGBA).</summary>
    public int Channels { get; }

    /// <summary>Interleaved samples, row-major; see the type's remarks for the index formula.</summary>
    public byte[] Pixels { get; }

    /// <summary>Sample <paramref name="c"/> of pixel (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public byte this[int x, int y, int c] => Pixels[((y * Width) + x) * Channels + c];

    /// <summary>
    /// RGB version, as PIL's <c>Image.convert("RGB")</c> (which BFL applies to every input image): gray is
    /// replicated to R = G = B; alpha is dropped, not composited (transparent pixels keep their stored color).
    /// Returns this instance when it is already RGB.
    /// </summary>
    public PixelImage ToRgb()
    {
        if (Channels == 3)
        {
            return this;
        }
        var dst = new byte[Width * Height * 3];
        int n = Width * Height;
        for (int i = 0; i < n; i++)
        {
            if (Channels == 1)
            {
                byte g = Pixels[i];
                dst[3 * i] = g;
                dst[(3 * i) + 1] = g;
                dst[(3 * i) + 2] = g;
            }
            else
            {
                dst[3 * i] = Pixels[4 * i];
                dst[(3 * i) + 1] = Pixels[(4 * i) + 1];
                dst[(3 * i) + 2] = Pixels[(4 * i) + 2];
            }
        }
        return new PixelImage(Width, Height, 3, dst);
    }

    /// <summary>
    /// Gray (L) version, as PIL's <c>Image.convert("L")</c> (which BFL's <c>prepare_fill</c> applies to the mask):
    /// ITU-R 601-2 luma in PIL's fixed point, <c>L = (R·19595 + G·38470 + B·7471 + 0x8000) &gt;&gt; 16</c>
    /// (Pillow <c>src/libImaging/Convert.c</c>, macro <c>L24</c>); alpha is ignored. Returns this instance
    /// when it is already gray.
    /// </summary>
    public PixelImage ToGray()
    {
        if (Channels == 1)
        {
            return this;
        }
        int n = Width * Height;
        var dst = new byte[n];
        for (int i = 0; i < n; i++)
        {
            int o = i * Channels;
            dst[i] = (byte)(((Pixels[o] * 19595) + (Pixels[o + 1] * 38470) + (Pixels[o + 2] * 7471) + 0x8000) >> 16);
        }
        return new PixelImage(Width, Height, 1, dst);
    }
}
