using System.Diagnostics;
using FluxOnnx.Runtime;
using FluxOnnx.Runtime.Providers;

namespace FluxOnnx.Tools.Benchmarking;

/// <summary>
/// Measures an achievable GEMM rate on the provider and threads the pipeline uses: one large fp32 MatMul
/// (default 1024 × 3072 · 3072 × 3072, the shape of a FLUX Linear on 1024 tokens) run through ORT, a warm-up run and
/// then <c>runs</c> timed runs; the rate comes from the fastest. The model goes to a temporary file, deleted
/// before returning.
/// </summary>
public static class GemmProbe
{
    public static GemmProbeResult Measure(ExecutionProviderRequest? provider, int intraOpThreads,
        int m = 1024, int k = 3072, int n = 3072, int runs = 5, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        string path = Path.Combine(Path.GetTempPath(), "fluxonnx-gemm-probe-" + Guid.NewGuid().ToString("N") + ".onnx");
        File.WriteAllBytes(path, MatMulModel.Bytes(m, k, n));
        try
        {
            using var options = new SessionSettings(provider, intraOpThreads).CreateOptions(out _);
            using var session = new ModelSession(path, options);

            // Small values keep the products finite; their exact values do not affect the timing.
            var a = new float[(long)m * k];
            var b = new float[(long)k * n];
            for (long i = 0; i < a.Length; i++) a[i] = (i % 7) * 0.01f;
            for (long i = 0; i < b.Length; i++) b[i] = (i % 5) * 0.01f;
            using var aValue = OnnxTensors.Wrap(a, m, k);
            using var bValue = OnnxTensors.Wrap(b, k, n);
            var inputs = new Dictionary<string, Microsoft.ML.OnnxRuntime.OrtValue> { ["a"] = aValue, ["b"] = bValue };

            var times = new double[runs];
            for (int run = -1; run < runs; run++) // run −1 warms up
            {
                cancellationToken.ThrowIfCancellationRequested();
                var watch = Stopwatch.StartNew();
                using (session.Run(inputs, ["y"], cancellationToken))
                {
                    watch.Stop();
                }
                if (run >= 0) times[run] = watch.Elapsed.TotalMilliseconds;
            }
            var summary = TimingSummary.Of(times);
            double gflops = 2.0 * m * k * n / (summary.MinMs * 1e-3) / 1e9;
            return new GemmProbeResult(m, k, n, runs, summary.MinMs, summary.MedianMs, gflops);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
