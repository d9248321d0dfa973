using System.Text.Json;
using FluxOnnx.Converter.Checkpoints;

namespace FluxOnnx.Converter.Conversion;

/// <summary>
/// The <c>_class_name</c> of a diffusers pipeline's <c>model_index.json</c> (<c>FluxPipeline</c>,
/// <c>FluxKontextPipeline</c>, <c>FluxFillPipeline</c>, <c>FluxControlPipeline</c>): the one place besides the
/// weights that says which variant a transformer is.
/// </summary>
public static class DiffusersPipelineClass
{
    public const string FileName = "model_index.json";

    /// <summary>The class name, or null when <paramref name="path"/> is not a folder with a model_index.json.</summary>
    /// <exception cref="CheckpointException">The file is not JSON, or <c>_class_name</c> is not a string.</exception>
    public static string? Read(string? path)
    {
        if (path is null || !Directory.Exists(path) || !File.Exists(Path.Combine(path, FileName)))
        {
            return null;
        }
        var file = Path.Combine(Path.GetFullPath(path), FileName);
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("_class_name", out var name))
            {
                return null;
            }
            return name.ValueKind == JsonValueKind.String
                ? name.GetString()
                : throw new CheckpointException(file, null, $"'_class_name' is {name.GetRawText()}; expected a string");
        }
        catch (JsonException e)
        {
            throw new CheckpointException(file, null, $"not valid JSON: {e.Message}");
        }
    }
}
