using System.Diagnostics;
using FluxOnnx.Pipeline;

namespace FluxOnnx.Tools.Comparison;

/// <summary>
/// Copies one batch-1 generation's intermediate tensors and times its steps: the clock restarts when the inputs are
/// prepared and after each step's copies, and is read at each <see cref="IPipelineObserver.OnStep"/> before copying,
/// so a step's time is its transformer run plus the Euler update.
/// </summary>
internal sealed class CapturingObserver : IPipelineObserver
{
    private readonly Stopwatch _clock = new();

    public float[] Txt { get; private set; } = [];
    public float[] Vec { get; private set; } = [];
    public List<float[]> Predictions { get; } = [];
    public float[] FinalLatent { get; private set; } = [];
    public float[] Decoded { get; private set; } = [];
    public List<double> StepMilliseconds { get; } = [];

    public void OnPrepared(in PreparedInputsView inputs)
    {
        Txt = inputs.Txt.ToArray();
        Vec = inputs.Vec.ToArray();
        _clock.Restart();
    }

    public void OnStep(in DenoiseStepView step)
    {
        StepMilliseconds.Add(_clock.Elapsed.TotalMilliseconds);
        Predictions.Add(step.Prediction.ToArray());
        if (step.Index == step.Count - 1)
        {
            FinalLatent = step.Latent.ToArray();
        }
        _clock.Restart();
    }

    public void OnDecoded(ReadOnlySpan<float> images, int batch, int height, int width) => Decoded = images.ToArray();
}
