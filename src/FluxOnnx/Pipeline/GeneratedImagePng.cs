using System.Text.Encodings.Web;
using System.Text.Json;
using FluxOnnx.Imaging;

namespace FluxOnnx.Pipeline;

/// <summary>
/// Writes a <see cref="GeneratedImage"/> as PNG with its parameters in a text chunk with keyword
/// <see cref="ParametersKeyword"/>: one JSON object (snake_case) holding prompt, steps, guidance, seed, width, height,
/// batch_index, batch_size, shared_generator, model (the variant, e.g. <c>flux1-schnell</c>), precision, provider, and
/// loras (name and strength of each run-time LoRA) when there are any.
/// The encoder stores it as tEXt when the JSON is Latin-1 and as iTXt (UTF-8) otherwise, so a non-Latin prompt is kept
/// verbatim.
/// </summary>
public static class GeneratedImagePng
{
    /// <summary>Keyword of the parameters text chunk.</summary>
    public const string ParametersKeyword = "parameters";

    /// <summary>Keyword of the producer text chunk (PNG's registered <c>Software</c> keyword).</summary>
    public const string SoftwareKeyword = "Software";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        // Keep non-ASCII prompt text readable instead of \u-escaping it; the chunk is not HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    /// <summary>The JSON text of <paramref name="parameters"/> as stored in the <see cref="ParametersKeyword"/> chunk.</summary>
    public static string ParametersJson(GenerationParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var values = new Dictionary<string, object?>
        {
            ["prompt"] = parameters.Prompt,
            ["steps"] = parameters.Steps,
            ["guidance"] = parameters.Guidance,
            ["seed"] = parameters.Seed,
            ["width"] = parameters.Width,
            ["height"] = parameters.Height,
            ["batch_index"] = parameters.BatchIndex,
            ["batch_size"] = parameters.BatchSize,
            ["shared_generator"] = parameters.SharedGenerator,
            ["model"] = "flux1-" + parameters.Variant.Name(),
            ["precision"] = parameters.Precision.Name(),
            ["provider"] = parameters.Provider,
        };
        if (parameters.Loras.Count > 0)
        {
            // Only with LoRAs, so the parameters of every other image keep their bytes.
            values["loras"] = parameters.Loras.Select(l => new Dictionary<string, object> { ["name"] = l.Name, ["strength"] = l.Strength }).ToArray();
        }
        return JsonSerializer.Serialize(values, JsonOptions);
    }

    /// <summary>The text entries written with the image: parameters JSON, then the producer.</summary>
    public static IReadOnlyList<PngTextEntry> TextEntries(GenerationParameters parameters) =>
    [
        new PngTextEntry(ParametersKeyword, ParametersJson(parameters)),
        new PngTextEntry(SoftwareKeyword, GeneratedImageFile.Software),
    ];

    /// <summary>The PNG bytes of <paramref name="image"/> with its text entries.</summary>
    public static byte[] Encode(GeneratedImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return PngEncoder.Encode(image.Image, new PngEncoderOptions { Text = TextEntries(image.Parameters) });
    }

    /// <summary>Writes <paramref name="image"/> to <paramref name="path"/> as PNG atomically (see <see cref="PngEncoder.WriteFile"/>).</summary>
    public static void Save(GeneratedImage image, string path)
    {
        ArgumentNullException.ThrowIfNull(image);
        PngEncoder.WriteFile(path, image.Image, new PngEncoderOptions { Text = TextEntries(image.Parameters) });
    }
}
