using System.Text.Json;

namespace FluxOnnx.Tools.Profiling;

/// <summary>
/// Reads the JSON trace ONNX Runtime writes when profiling is on (<c>SessionOptions.EnableProfiling</c>; the file
/// <c>InferenceSession.EndProfiling</c> names): a Chrome-trace array of events. Session events (<c>"cat":
/// "Session"</c>) named <c>model_run</c> delimit the runs; node events (<c>"cat": "Node"</c>) named
/// <c><i>node</i>_kernel_time</c> carry each kernel's duration and <c>args.op_name</c>. Other node events (fences,
/// thread statistics) are not kernel time and are skipped.
/// </summary>
public static class OrtProfileReader
{
    private const string KernelSuffix = "_kernel_time";

    /// <summary>
    /// Reads <paramref name="path"/>, leaving out the kernels of the first <paramref name="warmupRuns"/> runs (their
    /// first-run allocations and prepacking are not what a step costs).
    /// </summary>
    /// <exception cref="InvalidProfileException">The file is not an ORT trace (not a JSON array of events), or it has no
    /// run past the warm-up.</exception>
    public static OrtProfile Read(string path, int warmupRuns = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(warmupRuns);
        using var stream = File.OpenRead(path);
        using var document = ParseOrThrow(stream, path);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidProfileException(path, $"expected a JSON array of trace events, got {document.RootElement.ValueKind}.");
        }

        var runs = new List<(long Start, long Duration)>();
        var nodes = new List<OrtNodeTiming>();
        foreach (var e in document.RootElement.EnumerateArray())
        {
            string category = Text(e, "cat"), name = Text(e, "name");
            long start = Number(e, "ts"), duration = Number(e, "dur");
            if (category == "Session" && name == "model_run")
            {
                runs.Add((start, duration));
            }
            else if (category == "Node" && name.EndsWith(KernelSuffix, StringComparison.Ordinal))
            {
                var args = e.TryGetProperty("args", out var a) && a.ValueKind == JsonValueKind.Object ? a : default;
                nodes.Add(new OrtNodeTiming(name[..^KernelSuffix.Length], Text(args, "op_name"), Text(args, "provider"), start, duration,
                    Shapes(args, "input_type_shape"), Shapes(args, "output_type_shape"), Bytes(args, "mem_in_use_peak"), Bytes(args, "mem_arena_held")));
            }
        }
        runs.Sort();
        if (runs.Count <= warmupRuns)
        {
            throw new InvalidProfileException(path, $"{runs.Count} model_run event(s), expected more than the {warmupRuns} warm-up run(s).");
        }
        var measured = runs.Skip(warmupRuns).ToList();
        var kept = nodes.Where(n => measured.Any(r => n.StartMicroseconds >= r.Start && n.StartMicroseconds <= r.Start + r.Duration)).ToList();
        return new OrtProfile(kept, measured.Count, measured.Select(r => r.Duration).ToList());
    }

    private static JsonDocument ParseOrThrow(Stream stream, string path)
    {
        try
        {
            return JsonDocument.Parse(stream);
        }
        catch (JsonException e)
        {
            throw new InvalidProfileException(path, $"not a JSON trace ({e.Message}).", e);
        }
    }

    private static string Text(JsonElement e, string property) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";

    /// <summary><c>[{"float": [1, 1024, 3072]}, ...]</c> → the dims of each entry.</summary>
    private static List<IReadOnlyList<long>> Shapes(JsonElement args, string property)
    {
        var shapes = new List<IReadOnlyList<long>>();
        if (args.ValueKind != JsonValueKind.Object || !args.TryGetProperty(property, out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return shapes;
        }
        foreach (var entry in list.EnumerateArray())
        {
            var dims = new List<long>();
            if (entry.ValueKind == JsonValueKind.Object)
            {
                foreach (var typed in entry.EnumerateObject())
                {
                    if (typed.Value.ValueKind != JsonValueKind.Array) continue;
                    dims.AddRange(typed.Value.EnumerateArray().Where(d => d.ValueKind == JsonValueKind.Number).Select(d => d.GetInt64()));
                }
            }
            shapes.Add(dims);
        }
        return shapes;
    }

    /// <summary>ORT writes the memory counters as JSON strings or numbers, depending on the field; null when absent.</summary>
    private static long? Bytes(JsonElement args, string property)
    {
        if (args.ValueKind != JsonValueKind.Object || !args.TryGetProperty(property, out var v)) return null;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out long n)) return n;
        if (v.ValueKind == JsonValueKind.String && long.TryParse(v.GetString(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out n)) return n;
        return null;
    }

    private static long Number(JsonElement e, string property) =>
        e.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : 0;
}
