using System.Globalization;
using System.Security.Cryptography;
using FluxOnnx.Imaging;
using FluxOnnx.Serving.Errors;
using FluxOnnx.Serving.Jobs;

namespace FluxOnnx.Serving.Queueing;

/// <summary>
/// Checks an <see cref="ImageJobRequest"/> against <see cref="ServingLimits"/> and the model's variant, and decodes its
/// images (byte limit first, then the header's pixel count before any pixel is decoded). Every refusal is an
/// <see cref="InvalidImageRequestException"/> naming the OpenAI field.
/// </summary>
internal static class RequestValidator
{
    /// <summary>img2img strength when an image is given to schnell / dev without one (the OpenAI edits API has none).</summary>
    public const double DefaultStrength = 0.8;

    public static PreparedRequest Prepare(ImageJobRequest r, ServedModel model, ServingLimits limits, ModelLoras loras, Lora.LoraFitMode fit)
    {
        if (string.IsNullOrWhiteSpace(r.Prompt))
        {
            throw Invalid("prompt", "missing_prompt", "a non-empty prompt", r.Prompt is null ? "null" : "an empty string");
        }
        if (r.Prompt.Length > limits.MaxPromptLength)
        {
            throw Invalid("prompt", "prompt_too_long", $"at most {limits.MaxPromptLength} characters", $"{r.Prompt.Length} characters");
        }
        if (r.N < 1 || r.N > limits.MaxImages)
        {
            throw Invalid("n", "invalid_n", $"1 to {limits.MaxImages} images", F(r.N));
        }
        if (r.Width is { } w && r.Height is { } h)
        {
            CheckSize(w, h, model.PixelMultiple, limits);
        }
        else if (r.Width is not null || r.Height is not null)
        {
            throw Invalid("size", "invalid_size", "both width and height", "only one of them");
        }
        var steps = r.Steps ?? model.DefaultSteps;
        if (steps < 1 || steps > limits.MaxSteps)
        {
            throw Invalid("steps", "invalid_steps", $"1 to {limits.MaxSteps} steps", F(steps));
        }
        if (r.Guidance is { } g)
        {
            if (!model.AcceptsGuidance)
            {
                throw Invalid("guidance", "unsupported_parameter", $"no guidance: model '{model.Name}' ({model.Variant.Name()}) has no guidance input", F(g));
            }
            if (!float.IsFinite(g) || g < 0 || g > 100)
            {
                throw Invalid("guidance", "invalid_guidance", "a guidance scale in [0, 100]", F(g));
            }
        }
        if (r.Quality is { } q && (q < 1 || q > 100))
        {
            throw Invalid("output_compression", "invalid_output_compression", "1 to 100", F(q));
        }
        var output = r.Quality is { } quality ? new ImageOutputFormat(r.OutputFormat, quality) : new ImageOutputFormat(r.OutputFormat);

        var image = Decode(r.Image, "image", limits);
        var mask = Decode(r.Mask, "mask", limits);
        var control = Decode(r.Control, "control", limits);
        var strength = r.Strength;
        if (strength is { } s && (!double.IsFinite(s) || s < 0 || s > 1))
        {
            throw Invalid("strength", "invalid_strength", "a strength in [0, 1]", F(s));
        }
        CheckInputsForVariant(model, image, mask, control, strength);
        if (image is not null && model.TextToImage)
        {
            strength ??= DefaultStrength;
        }
        var adapters = loras.Resolve(r.Loras, fit);
        var seed = r.Seed ?? (ulong)RandomNumberGenerator.GetInt32(int.MaxValue);
        if (seed > ulong.MaxValue - (ulong)(r.N - 1))
        {
            throw Invalid("seed", "invalid_seed", $"at most {ulong.MaxValue - (ulong)(r.N - 1)} for n = {r.N}", F(seed));
        }
        var seeds = Enumerable.Range(0, r.N).Select(i => seed + (ulong)i).ToArray();
        BatchKey? key = image is null && mask is null && control is null
            ? new BatchKey(r.Width ?? model.DefaultWidth, r.Height ?? model.DefaultHeight, steps, r.Guidance, ModelLoras.Key(r.Loras))
            : null;
        return new PreparedRequest(model.Name, r.Prompt, seeds, r.Width, r.Height, steps, r.Guidance, image, mask, control,
            strength, output, r.Preview, key, adapters);
    }

    private static void CheckSize(int w, int h, int multiple, ServingLimits limits)
    {
        if (w <= 0 || h <= 0 || w % multiple != 0 || h % multiple != 0)
        {
            throw Invalid("size", "invalid_size", $"WIDTHxHEIGHT, each a positive multiple of {F(multiple)}", $"{F(w)}x{F(h)}");
        }
        if ((long)w * h > limits.MaxPixels)
        {
            throw Invalid("size", "size_too_large", $"at most {F(limits.MaxPixels)} pixels", $"{F(w)}x{F(h)} = {F((long)w * h)} pixels");
        }
    }

    private static void CheckInputsForVariant(ServedModel model, PixelImage? image, PixelImage? mask, PixelImage? control, double? strength)
    {
        var name = $"model '{model.Name}' ({model.Variant.Name()})";
        switch (model.Variant)
        {
            case Variant.Schnell or Variant.Dev:
                Refuse(mask, "mask", name);
                Refuse(control, "control", name);
                if (strength is not null && image is null)
                {
                    throw Invalid("strength", "unsupported_parameter", "strength only with an image", F(strength.Value));
                }
                break;
            case Variant.Fill:
                Require(image, "image", name + " inpaints an image");
                Require(mask, "mask", name + " needs the mask of the area to fill");
                Refuse(control, "control", name);
                RefuseStrength(strength, name);
                if (image!.Width != mask!.Width || image.Height != mask.Height)
                {
                    throw Invalid("mask", "invalid_mask", $"the image's size {image.Width}x{image.Height}", $"{mask.Width}x{mask.Height}");
                }
                break;
            case Variant.Kontext:
                Require(image, "image", name + " edits a reference image");
                Refuse(mask, "mask", name);
                Refuse(control, "control", name);
                RefuseStrength(strength, name);
                break;
            case Variant.Canny:
                if (control is null && image is null)
                {
                    throw Invalid("control", "missing_control", $"a control image (or an image to compute Canny edges from): {name}", "none");
                }
                if (control is not null && image is not null)
                {
                    throw Invalid("image", "unsupported_parameter", "either control or image for " + name, "both");
                }
                Refuse(mask, "mask", name);
                RefuseStrength(strength, name);
                break;
            case Variant.Depth:
                Require(control, "control", name + " needs a depth map (FluxOnnx estimates none)");
                Refuse(image, "image", name);
                Refuse(mask, "mask", name);
                RefuseStrength(strength, name);
                break;
            default:
                throw Invalid("model", "unsupported_model", "a schnell, dev, fill, canny, depth or kontext model", model.Variant.Name());
        }
    }

    private static PixelImage? Decode(ReadOnlyMemory<byte>? bytes, string field, ServingLimits limits)
    {
        if (bytes is not { } data)
        {
            return null;
        }
        if (data.Length > limits.MaxUploadBytes)
        {
            throw Invalid(field, "upload_too_large", $"at most {F(limits.MaxUploadBytes)} bytes", $"{F(data.Length)} bytes");
        }
        try
        {
            return ImageDecoder.Decode(data.Span, new ImageDecoderOptions { MaxPixels = limits.MaxInputPixels });
        }
        catch (ImageTooLargeException e)
        {
            throw Invalid(field, "image_too_large", $"at most {F(e.Limit)} pixels", $"{F(e.Width)}x{F(e.Height)}", e);
        }
        catch (ImageFormatException e)
        {
            throw Invalid(field, "invalid_image", "a PNG, JPEG or WebP image", $"{e.Error} ({e.Detail})", e);
        }
    }

    private static void Require(PixelImage? value, string field, string why)
    {
        if (value is null)
        {
            throw Invalid(field, "missing_" + field, $"an {field}: {why}", "none");
        }
    }

    private static void Refuse(PixelImage? value, string field, string name)
    {
        if (value is not null)
        {
            throw Invalid(field, "unsupported_parameter", $"no {field} for {name}", "an image");
        }
    }

    private static void RefuseStrength(double? strength, string name)
    {
        if (strength is { } s)
        {
            throw Invalid("strength", "unsupported_parameter", "no strength for " + name, F(s));
        }
    }

    private static InvalidImageRequestException Invalid(string field, string code, string expected, string actual, Exception? inner = null) =>
        new(field, code, expected, actual, inner);

    private static string F(IFormattable value) => value.ToString(null, CultureInfo.InvariantCulture);
}
