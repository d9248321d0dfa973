using FluxOnnx.Runtime;
using Microsoft.ML.OnnxRuntime;

namespace FluxOnnx.Bench.Measuring;

/// <summary>What the measured commands and suites share for ORT sessions on the CPU provider.</summary>
internal static class BenchSessions
{
    /// <summary>Loads <paramref name="path"/> with <paramref name="settings"/> (ORT copies the options into the session).</summary>
    public static ModelSession Open(string path, SessionSettings settings)
    {
        using var options = settings.CreateOptions(out _);
        return new ModelSession(path, options);
    }

    /// <summary>Makes ORT's process-wide environment report errors only (default: warnings too).</summary>
    public static void LogErrorsOnly() => OrtEnv.Instance().EnvLogLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR;

    /// <summary>Tensors over the arrays (shared, not copied); the caller disposes the values.</summary>
    public static Dictionary<string, OrtValue> Wrap(IReadOnlyDictionary<string, (float[] Data, long[] Shape)> inputs) =>
        inputs.ToDictionary(kv => kv.Key, kv => OnnxTensors.Wrap(kv.Value.Data, kv.Value.Shape));

    /// <summary>Disposes every value of <paramref name="values"/>.</summary>
    public static void DisposeAll(IEnumerable<OrtValue> values)
    {
        foreach (var value in values) value.Dispose();
    }
}
