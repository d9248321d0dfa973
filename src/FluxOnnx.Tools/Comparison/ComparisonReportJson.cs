using System.Text.Json;

namespace FluxOnnx.Tools.Comparison;

/// <summary>
/// Writes a <see cref="ComparisonReport"/> as JSON with stable snake_case names (<see cref="FormatName"/> changes
/// whenever a field is renamed or removed):
/// <code>
/// { "format": "fluxonnx-compare/1",
///   "package_a" | "package_b": { "path", "variant", "precision", "target", "provider", "total_bytes",
///                                "component_bytes": { role: bytes }, "median_step_ms", "timed_steps" },
///   "inputs": { "source": "prompts" | "file", "file": path | null, "width", "height", "steps", "guidance": x | null },
///   "components": { "t5_states" | "clip_pooled" | "transformer_first_step" | "transformer_all_steps" | "final_latent"
///                   | "vae_decoded": { "elements", "max_abs_error", "mean_abs_error", "cosine_similarity" } },
///   "transformer_steps": [ { "step", "elements", "max_abs_error", "mean_abs_error", "cosine_similarity" } ],
///   "image": { "psnr_db", "min_psnr_db", "mean_ssim", "min_ssim", "max_pixel_diff", "ssim_window",
///              "cases": [ { "index", "prompt", "seed", "psnr_db", "ssim", "max_pixel_diff" } ] } }
/// </code>
/// PSNR fields are null when the images are identical (infinite PSNR); <c>prompt</c> is null for token ids from a file.
/// Package A is the reference: every error is B measured against A.
/// </summary>
public static class ComparisonReportJson
{
    public const string FormatName = "fluxonnx-compare/1";

    /// <summary>Writes to a temporary file beside <paramref name="path"/>, then renames it over <paramref name="path"/>.</summary>
    public static void Write(ComparisonReport report, string path)
    {
        var full = Path.GetFullPath(path);
        var temp = full + ".tmp-" + Environment.ProcessId;
        try
        {
            using (var stream = File.Create(temp))
            {
                Write(report, stream);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    public static void Write(ComparisonReport report, Stream stream)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("format", FormatName);
        WritePackage(json, "package_a", report.A);
        WritePackage(json, "package_b", report.B);

        json.WriteStartObject("inputs");
        json.WriteString("source", report.InputsPath is null ? "prompts" : "file");
        json.WriteString("file", report.InputsPath);
        json.WriteNumber("width", report.Width);
        json.WriteNumber("height", report.Height);
        json.WriteNumber("steps", report.Steps);
        WriteNullable(json, "guidance", report.Guidance);
        json.WriteEndObject();

        json.WriteStartObject("components");
        foreach (var t in report.Tensors)
        {
            json.WriteStartObject(t.Name);
            WriteErrors(json, t);
            json.WriteEndObject();
        }
        json.WriteEndObject();

        json.WriteStartArray("transformer_steps");
        for (var i = 0; i < report.TransformerSteps.Count; i++)
        {
            json.WriteStartObject();
            json.WriteNumber("step", i);
            WriteErrors(json, report.TransformerSteps[i]);
            json.WriteEndObject();
        }
        json.WriteEndArray();

        var image = report.Image;
        json.WriteStartObject("image");
        WriteNullable(json, "psnr_db", image.PsnrDecibels);
        WriteNullable(json, "min_psnr_db", image.MinPsnrDecibels);
        json.WriteNumber("mean_ssim", image.MeanSsim);
        json.WriteNumber("min_ssim", image.MinSsim);
        json.WriteNumber("max_pixel_diff", image.MaxPixelDifference);
        json.WriteString("ssim_window", image.SsimWindow);
        json.WriteStartArray("cases");
        foreach (var c in image.Cases)
        {
            json.WriteStartObject();
            json.WriteNumber("index", c.Index);
            json.WriteString("prompt", c.Prompt);
            json.WriteNumber("seed", c.Seed);
            WriteNullable(json, "psnr_db", c.PsnrDecibels);
            json.WriteNumber("ssim", c.Ssim);
            json.WriteNumber("max_pixel_diff", c.MaxPixelDifference);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();

        json.WriteEndObject();
    }

    private static void WritePackage(Utf8JsonWriter json, string name, PackageSummary p)
    {
        json.WriteStartObject(name);
        json.WriteString("path", p.Path);
        json.WriteString("variant", p.Variant.Name());
        json.WriteString("precision", p.Precision.Name());
        json.WriteString("target", p.Target.Name());
        json.WriteString("provider", p.Provider);
        json.WriteNumber("total_bytes", p.TotalBytes);
        json.WriteStartObject("component_bytes");
        foreach (var (role, bytes) in p.ComponentBytes)
        {
            json.WriteNumber(role, bytes);
        }
        json.WriteEndObject();
        json.WriteNumber("median_step_ms", p.MedianStepMilliseconds);
        json.WriteNumber("timed_steps", p.StepCount);
        json.WriteEndObject();
    }

    private static void WriteErrors(Utf8JsonWriter json, TensorErrors t)
    {
        json.WriteNumber("elements", t.Elements);
        json.WriteNumber("max_abs_error", t.MaxAbsError);
        json.WriteNumber("mean_abs_error", t.MeanAbsError);
        json.WriteNumber("cosine_similarity", t.CosineSimilarity);
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
