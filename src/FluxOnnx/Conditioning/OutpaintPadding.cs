using FluxOnnx.Imaging;

namespace FluxOnnx.Conditioning;

/// <summary>
/// FLUX.1 Fill outpainting: the source image is enlarged by <see cref="Left"/>, <see cref="Top"/>, <see cref="Right"/>
/// and <see cref="Bottom"/> pixels and the new border is masked (255 = fill), so the model paints it. BFL's
/// <c>cli_fill.py</c> has no outpainting mode; this is the canvas-extension recipe ComfyUI's
/// <c>ImagePadForOutpaint</c> node and diffusers' Fill examples use, fed to the unchanged <c>prepare_fill</c>.
/// </summary>
/// <remarks>
/// <para><b>Fill value.</b> The border is padded with mid gray, <see cref="PadValue"/> = 128 in every channel
/// (ComfyUI pads with 0.5). The value never reaches the model: the border is fully masked and Fill encodes
/// <c>image × (1 − mask)</c>, which is exactly 0 there whatever the padding. It only shows when the padded source is
/// inspected.</para>
/// <para><b>Mask.</b> Without a mask the original area is kept (0) and only the border is filled; with a mask of the
/// original image's size, the mask is padded with 255, so the masked region and the border are both filled.</para>
/// </remarks>
/// <param name="Left">Pixels added on the left, at least 0.</param>
/// <param name="Top">Pixels added on the top, at least 0.</param>
/// <param name="Right">Pixels added on the right, at least 0.</param>
/// <param name="Bottom">Pixels added on the bottom, at least 0.</param>
public sealed record OutpaintPadding(int Left, int Top, int Right, int Bottom)
{
    /// <summary>Gray level of the padded border (see remarks: masked, so it does not affect the result).</summary>
    public const byte PadValue = 128;

    /// <summary>Mask value of the padded border: fill.</summary>
    public const byte FillMask = 255;

    /// <summary>Whether every side is non-negative.</summary>
    public bool IsValid => Left >= 0 && Top >= 0 && Right >= 0 && Bottom >= 0;

    /// <summary>Size of a <paramref name="width"/> × <paramref name="height"/> image after padding.</summary>
    public (int Width, int Height) PaddedSize(int width, int height) => (width + Left + Right, height + Top + Bottom);

    /// <summary>The RGB <paramref name="rgb"/> centred in a <see cref="PadValue"/> canvas.</summary>
    public PixelImage PadImage(PixelImage rgb)
    {
        ArgumentNullException.ThrowIfNull(rgb);
        return Pad(rgb.ToRgb(), PadValue);
    }

    /// <summary>
    /// The gray mask of the padded canvas: <paramref name="mask"/> (gray, the original image's size) or all-keep (0)
    /// when null, surrounded by <see cref="FillMask"/>.
    /// </summary>
    public PixelImage PadMask(PixelImage? mask, int width, int height)
    {
        var gray = mask?.ToGray() ?? new PixelImage(width, height, 1);
        if (gray.Width != width || gray.Height != height)
        {
            throw new ArgumentException($"mask is {gray.Width}x{gray.Height}, the image {width}x{height}", nameof(mask));
        }
        return Pad(gray, FillMask);
    }

    private PixelImage Pad(PixelImage src, byte value)
    {
        if (!IsValid)
        {
            throw new InvalidOperationException($"negative outpaint padding {this}");
        }
        var (w, h) = PaddedSize(src.Width, src.Height);
        int ch = src.Channels;
        var dst = new byte[checked(w * h * ch)];
        Array.Fill(dst, value);
        var rowBytes = src.Width * ch;
        for (var y = 0; y < src.Height; y++)
        {
            src.Pixels.AsSpan(y * rowBytes, rowBytes).CopyTo(dst.AsSpan(((y + Top) * w + Left) * ch, rowBytes));
        }
        return new PixelImage(w, h, ch, dst);
    }
}
