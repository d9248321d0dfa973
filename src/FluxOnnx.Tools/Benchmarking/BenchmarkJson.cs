using System.Text;
using System.Text.Json;

namespace FluxOnnx.Tools.Benchmarking;

/// <summary>
/// The JSON form of a <see cref="BenchmarkReport"/>. Field names are fixed here (snake_case) and are a contract for
/// scripts comparing runs: <c>provider</c>, <c>precision</c>, <c>width</c>, <c>height</c>, <c>steps</c>,
/// <c>text_encode_ms</c>, <c>step_ms</c>, <c>decode_ms</c>, <c>total_ms</c> (medians), <c>peak_working_set_bytes</c>,
/// <c>gemm_peak_gflops</c>, then spreads, per-run values and the FLOP comparison. Times are milliseconds.
/// </summary>
public static class BenchmarkJson
{
    public static string Serialize(BenchmarkReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("package", report.Package);
            json.WriteString("variant", report.Variant.Name());
            json.WriteString("provider", report.Provider);
            json.WriteString("precision", report.Precision.Name());
            json.WriteNumber("intra_op_threads", report.IntraOpThreads);
            json.WriteNumber("width", report.Width);
            json.WriteNumber("height", report.Height);
            json.WriteNumber("steps", report.Steps);
            json.WriteNumber("image_tokens", report.ImageTokens);
            json.WriteNumber("text_tokens", report.TextTokens);
            json.WriteNumber("warmup_runs", report.WarmupRuns);
            json.WriteNumber("runs", report.Runs.Count);
            json.WriteNumber("text_encode_ms", Round(report.TextEncode.MedianMs));
            json.WriteNumber("step_ms", Round(report.Step.MedianMs));
            json.WriteNumber("decode_ms", Round(report.Decode.MedianMs));
            json.WriteNumber("total_ms", Round(report.Total.MedianMs));
            json.WriteNumber("open_ms", Round(report.OpenMs));
            json.WriteNumber("peak_working_set_bytes", report.PeakWorkingSetBytes);
            json.WriteNumber("images_per_minute", Round(report.ImagesPerMinute, 3));
            json.WriteNumber("gemm_peak_gflops", Round(report.Gemm.Gflops));
            WriteNullable(json, "step_gflop", report.StepFlops / 1e9);
            WriteNullable(json, "step_gflops", report.StepGflops);
            WriteNullable(json, "step_fraction_of_gemm_peak", report.StepFractionOfGemmPeak, 4);

            json.WriteStartObject("spread");
            Summary(json, "text_encode", report.TextEncode);
            Summary(json, "step", report.Step);
            Summary(json, "decode", report.Decode);
            Summary(json, "total", report.Total);
            json.WriteStartArray("step_by_index");
            foreach (var s in report.StepByIndex)
            {
                json.WriteStartObject();
                Fields(json, s);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();

            json.WriteStartObject("gemm");
            json.WriteNumber("m", report.Gemm.M);
            json.WriteNumber("k", report.Gemm.K);
            json.WriteNumber("n", report.Gemm.N);
            json.WriteNumber("runs", report.Gemm.Runs);
            json.WriteNumber("best_ms", Round(report.Gemm.BestMs));
            json.WriteNumber("median_ms", Round(report.Gemm.MedianMs));
            json.WriteEndObject();

            json.WriteStartArray("per_run");
            foreach (var run in report.Runs)
            {
                json.WriteStartObject();
                json.WriteNumber("text_encode_ms", Round(run.TextEncodeMs));
                json.WriteStartArray("step_ms");
                foreach (var ms in run.StepMs) json.WriteNumberValue(Round(ms));
                json.WriteEndArray();
                json.WriteNumber("decode_ms", Round(run.DecodeMs));
                json.WriteNumber("total_ms", Round(run.TotalMs));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteString("started_utc", report.StartedUtc.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void Summary(Utf8JsonWriter json, string name, TimingSummary s)
    {
        json.WriteStartObject(name);
        Fields(json, s);
        json.WriteEndObject();
    }

    private static void Fields(Utf8JsonWriter json, TimingSummary s)
    {
        json.WriteNumber("median_ms", Round(s.MedianMs));
        json.WriteNumber("min_ms", Round(s.MinMs));
        json.WriteNumber("max_ms", Round(s.MaxMs));
        json.WriteNumber("count", s.Count);
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, double? value, int digits = 2)
    {
        if (value is { } v) json.WriteNumber(name, Round(v, digits));
        else json.WriteNull(name);
    }

    private static double Round(double value, int digits = 2) => Math.Round(value, digits);
}
