using System.Globalization;
using FluxOnnx.Conditioning;
using FluxOnnx.Imaging;
using FluxOnnx.Packaging;

namespace FluxOnnx.Pipeline;

/// <summary>
/// A request's image members checked against the package variant, decoded, and brought to the size the pipeline
/// uses (see <see cref="GenerateRequest"/>'s remarks for the rules). Everything here runs before any model.
/// </summary>
/// <param name="Kind">How the images condition the transformer.</param>
/// <param name="Width">Target width in pixels (a positive multiple of the package's pixel multiple, 2 × the manifest's
/// LatentSpace.Downsample, when an image set it; 16 for FLUX.1).</param>
/// <param name="Height">Target height in pixels.</param>
/// <param name="Image">RGB pixels the VAE encodes: the img2img init image at the target size, the (padded) Fill
/// source, or the Kontext reference at its prepared size; null otherwise.</param>
/// <param name="Mask">Fill mask [H, W], 1 = fill.</param>
/// <param name="Control">Canny / Depth encoder input [3, H, W] in [−1, 1] at the target size.</param>
/// <param name="Strength">img2img strength.</param>
internal sealed record ImageInputs(ImageConditioningKind Kind, int Width, int Height, PixelImage? Image, float[]? Mask,
    float[]? Control, double Strength)
{
    /// <summary>
    /// Applies the image rules. <paramref name="width"/> / <paramref name="height"/> are the request's explicit sizes
    /// (already checked) and <paramref name="defaultWidth"/> / <paramref name="defaultHeight"/> the manifest's. Image
    /// sizes are checked against, and Kontext references rounded to, the pixel multiple of
    /// <paramref name="latentSpace"/> (<see cref="LatentGrid.PixelMultiple"/>).
    /// </summary>
    /// <exception cref="InvalidGenerateRequestException">A member breaks a rule or an image cannot be decoded.</exception>
    public static ImageInputs Resolve(GenerateRequest request, Variant variant, LatentSpace latentSpace, int? width, int? height,
        int defaultWidth, int defaultHeight)
    {
        var multiple = LatentGrid.PixelMultiple(latentSpace);
        var kind = variant switch
        {
            Variant.Fill => ImageConditioningKind.Fill,
            Variant.Canny or Variant.Depth => ImageConditioningKind.Control,
            Variant.Kontext => ImageConditioningKind.Kontext,
            _ => request.Image is null ? ImageConditioningKind.None : ImageConditioningKind.Img2Img,
        };
        var isText = kind is ImageConditioningKind.None or ImageConditioningKind.Img2Img;
        Refuse(nameof(GenerateRequest.Strength), request.Strength, !isText, variant, "img2img Strength (schnell / dev only)");
        Refuse(nameof(GenerateRequest.Mask), request.Mask, kind != ImageConditioningKind.Fill, variant, "mask (Fill only)");
        Refuse(nameof(GenerateRequest.Outpaint), request.Outpaint, kind != ImageConditioningKind.Fill, variant, "outpaint padding (Fill only)");
        Refuse(nameof(GenerateRequest.Control), request.Control, kind != ImageConditioningKind.Control, variant, "control image (canny / depth only)");
        Refuse(nameof(GenerateRequest.ControlFrom), request.ControlFrom, kind != ImageConditioningKind.Control, variant, "control source image (canny only)");
        Refuse(nameof(GenerateRequest.ControlKind), request.ControlKind, kind != ImageConditioningKind.Control, variant, "control kind (canny / depth only)");
        Refuse(nameof(GenerateRequest.KeepReferenceSize), request.KeepReferenceSize ? (object)true : null,
            kind != ImageConditioningKind.Kontext, variant, "reference size option (kontext only)");
        Refuse(nameof(GenerateRequest.Image), request.Image, kind == ImageConditioningKind.Control, variant,
            "Image (give the control image as Control, or the photo to compute Canny edges from as ControlFrom)");

        return kind switch
        {
            ImageConditioningKind.None => NoImage(request, width ?? defaultWidth, height ?? defaultHeight),
            ImageConditioningKind.Img2Img => Img2Img(request, width, height, multiple),
            ImageConditioningKind.Fill => Fill(request, width, height, multiple),
            ImageConditioningKind.Kontext => Kontext(request, width, height, multiple),
            _ => ControlImage(request, variant, width, height, multiple),
        };
    }

    private static ImageInputs NoImage(GenerateRequest request, int width, int height)
    {
        if (request.Strength is { } strength)
        {
            throw Invalid(nameof(GenerateRequest.Strength), "null without an init Image (img2img needs both)", Format(strength));
        }
        return new ImageInputs(ImageConditioningKind.None, width, height, null, null, null, 1);
    }

    private static ImageInputs Img2Img(GenerateRequest request, int? width, int? height, int multiple)
    {
        var strength = request.Strength
            ?? throw Invalid(nameof(GenerateRequest.Strength), "a strength in [0, 1] with an init Image", "null");
        if (!(strength >= 0 && strength <= 1))
        {
            throw Invalid(nameof(GenerateRequest.Strength), "a strength in [0, 1]", Format(strength));
        }
        var init = Load(nameof(GenerateRequest.Image), request.Image!).ToRgb();
        var (w, h) = (width ?? init.Width, height ?? init.Height);
        CheckImageSize(nameof(GenerateRequest.Image), w, h, "the init image's size, or Width and Height", multiple);
        if (init.Width != w || init.Height != h)
        {
            init = LanczosResizer.Resize(init, w, h);
        }
        return new ImageInputs(ImageConditioningKind.Img2Img, w, h, init, null, null, strength);
    }

    private static ImageInputs Fill(GenerateRequest request, int? width, int? height, int multiple)
    {
        if (request.Image is null)
        {
            throw Invalid(nameof(GenerateRequest.Image), "the source image to fill (the package is a Fill model)", "null");
        }
        if (request.Mask is null && request.Outpaint is null)
        {
            throw Invalid(nameof(GenerateRequest.Mask), "a mask (white = fill) or Outpaint padding with the Fill source Image", "null");
        }
        if (request.Outpaint is { IsValid: false } bad)
        {
            throw Invalid(nameof(GenerateRequest.Outpaint), "non-negative padding on every side",
                $"left {bad.Left}, top {bad.Top}, right {bad.Right}, bottom {bad.Bottom}");
        }
        var image = Load(nameof(GenerateRequest.Image), request.Image).ToRgb();
        var mask = request.Mask is null ? null : Load(nameof(GenerateRequest.Mask), request.Mask).ToGray();
        if (mask is not null && (mask.Width != image.Width || mask.Height != image.Height))
        {
            throw Invalid(nameof(GenerateRequest.Mask), $"the source image's size {image.Width}x{image.Height}", $"{mask.Width}x{mask.Height}");
        }
        if (request.Outpaint is { } pad)
        {
            mask = pad.PadMask(mask, image.Width, image.Height);
            image = pad.PadImage(image);
        }
        CheckImageSize(nameof(GenerateRequest.Image), image.Width, image.Height, "the source image's size (after Outpaint padding)", multiple);
        CheckMatches(nameof(GenerateRequest.Width), width, image.Width, "the Fill source image's width (after padding) or null");
        CheckMatches(nameof(GenerateRequest.Height), height, image.Height, "the Fill source image's height (after padding) or null");
        return new ImageInputs(ImageConditioningKind.Fill, image.Width, image.Height, image, PixelTensors.ToMask(mask!), null, 1);
    }

    private static ImageInputs Kontext(GenerateRequest request, int? width, int? height, int multiple)
    {
        if (request.Image is null)
        {
            throw Invalid(nameof(GenerateRequest.Image), "the reference image to edit (the package is a Kontext model)", "null");
        }
        var reference = Load(nameof(GenerateRequest.Image), request.Image).ToRgb();
        var (rw, rh) = KontextReference.Size(reference.Width, reference.Height, request.KeepReferenceSize, multiple);
        if (rw == 0 || rh == 0)
        {
            throw Invalid(nameof(GenerateRequest.Image), $"a reference of at least {multiple}x{multiple} pixels", $"{reference.Width}x{reference.Height}");
        }
        if (reference.Width != rw || reference.Height != rh)
        {
            reference = LanczosResizer.Resize(reference, rw, rh);
        }
        return new ImageInputs(ImageConditioningKind.Kontext, width ?? rw, height ?? rh, reference, null, null, 1);
    }

    private static ImageInputs ControlImage(GenerateRequest request, Variant variant, int? width, int? height, int multiple)
    {
        var packageKind = variant == Variant.Depth ? ControlKind.Depth : ControlKind.Canny;
        if (request.ControlKind is { } asked && asked != packageKind)
        {
            throw Invalid(nameof(GenerateRequest.ControlKind), $"{packageKind} (the package variant) or null", asked.ToString());
        }
        if ((request.Control is null) == (request.ControlFrom is null))
        {
            throw Invalid(nameof(GenerateRequest.Control), "exactly one of Control (a ready control image) and ControlFrom (canny)",
                request.Control is null ? "neither" : "both");
        }
        if (request.ControlFrom is not null && packageKind == ControlKind.Depth)
        {
            throw Invalid(nameof(GenerateRequest.ControlFrom),
                "null: FluxOnnx has no depth estimator; give the depth map itself as Control", request.ControlFrom.ToString());
        }
        var name = request.Control is null ? nameof(GenerateRequest.ControlFrom) : nameof(GenerateRequest.Control);
        var source = Load(name, request.Control ?? request.ControlFrom!);
        var (w, h) = (width ?? source.Width, height ?? source.Height);
        CheckImageSize(name, w, h, "the control image's size, or Width and Height", multiple);
        var control = request.Control is null
            ? ControlConditioning.CannyFromImage(source, w, h)
            : ControlConditioning.FromControlImage(source, w, h);
        return new ImageInputs(ImageConditioningKind.Control, w, h, null, null, control, 1);
    }

    private static PixelImage Load(string name, ImageSource source)
    {
        try
        {
            return source.Load();
        }
        catch (ImageTooLargeException e)
        {
            throw Invalid(name, $"an image of at most {e.Limit} pixels", $"{e.Width}x{e.Height} in {source}", e);
        }
        catch (ImageFormatException e)
        {
            throw Invalid(name, "a valid PNG, JPEG or WebP image", $"{source}: {e.Error}: {e.Detail}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Invalid(name, "a readable image file", $"{source}: {e.Message}", e);
        }
    }

    private static void Refuse(string name, object? value, bool refused, Variant variant, string what)
    {
        if (refused && value is not null)
        {
            throw Invalid(name, $"null: the {variant.Name()} package takes no {what}", value is IFormattable f ? Format(f) : value.ToString() ?? "a value");
        }
    }

    /// <summary>Both sides positive multiples of <paramref name="multiple"/> (2 × the latent downsample) pixels.</summary>
    private static void CheckImageSize(string name, int width, int height, string what, int multiple)
    {
        if (width <= 0 || height <= 0 || width % multiple != 0 || height % multiple != 0)
        {
            throw Invalid(name, $"a target size ({what}) whose sides are positive multiples of {multiple} pixels", $"{width}x{height}");
        }
    }

    private static void CheckMatches(string name, int? given, int actual, string expected)
    {
        if (given is { } g && g != actual)
        {
            throw Invalid(name, expected + $" ({actual})", Format(g));
        }
    }

    private static string Format(IFormattable value) => value.ToString(null, CultureInfo.InvariantCulture);

    private static InvalidGenerateRequestException Invalid(string name, string expected, string actual, Exception? inner = null) =>
        new(name, expected, actual, inner);
}
