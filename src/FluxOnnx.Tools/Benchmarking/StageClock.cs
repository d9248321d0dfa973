using System.Diagnostics;
using FluxOnnx.Pipeline;

namespace FluxOnnx.Tools.Benchmarking;

/// <summary>
/// Times the stages of one <see cref="FluxPipeline.Generate"/> call from its observer callbacks, which run
/// synchronously on the generating thread: start → <see cref="IPipelineObserver.OnPrepared"/> (text encoding) →
/// each <see cref="IPipelineObserver.OnStep"/> → <see cref="IPipelineObserver.OnDecoded"/> → return.
/// </summary>
internal sealed class StageClock : IPipelineObserver
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private readonly List<double> _steps = [];
    private double _prepared = double.NaN, _last = double.NaN, _decoded = double.NaN;

    public void OnPrepared(in PreparedInputsView inputs)
    {
        _prepared = _last = Now;
    }

    public void OnStep(in DenoiseStepView step)
    {
        double now = Now;
        _steps.Add(now - _last);
        _last = now;
    }

    public void OnDecoded(ReadOnlySpan<float> images, int batch, int height, int width)
    {
        _decoded = Now;
    }

    /// <summary>Call right after Generate returns.</summary>
    public RunTiming Finish()
    {
        double total = Now;
        if (double.IsNaN(_prepared) || double.IsNaN(_decoded))
        {
            throw new InvalidOperationException("the pipeline did not report every stage to its observer");
        }
        return new RunTiming(_prepared, [.. _steps], _decoded - _last, total);
    }

    private double Now => _watch.Elapsed.TotalMilliseconds;
}
