using FluxOnnx.Pipeline;

namespace FluxOnnx.Tests.Pipeline;

/// <summary>Copies what a pipeline call lends to its observer, and records progress synchronously.</summary>
internal sealed class RecordingObserver : IPipelineObserver, IProgress<PipelineProgress>
{
    public float[]? Noise { get; private set; }
    public float[]? Timesteps { get; private set; }
    public float? Guidance { get; private set; }
    public float[]? ImgIds { get; private set; }
    public float[]? InitLatent { get; private set; }
    public float[]? ImgCond { get; private set; }
    public float[]? ReferenceTokens { get; private set; }
    public float[]? ReferenceIds { get; private set; }
    public (int H, int W) LatentSize { get; private set; }
    public List<float[]> Latents { get; } = [];
    public List<float[]> Predictions { get; } = [];
    public float[]? Decoded { get; private set; }
    public List<PipelineProgress> Reports { get; } = [];
    public Action<PipelineProgress>? OnReport { get; init; }

    public int Count(PipelineStage stage) => Reports.Count(r => r.Stage == stage);

    public void OnPrepared(in PreparedInputsView inputs)
    {
        Noise = inputs.Noise.ToArray();
        Timesteps = inputs.Timesteps.ToArray();
        Guidance = inputs.Guidance;
        ImgIds = inputs.ImgIds.ToArray();
        InitLatent = inputs.InitLatent.ToArray();
        ImgCond = inputs.ImgCond.ToArray();
        ReferenceTokens = inputs.ReferenceTokens.ToArray();
        ReferenceIds = inputs.ReferenceIds.ToArray();
        LatentSize = (inputs.LatentHeight, inputs.LatentWidth);
    }

    public void OnStep(in DenoiseStepView step)
    {
        Latents.Add(step.Latent.ToArray());
        Predictions.Add(step.Prediction.ToArray());
    }

    public void OnDecoded(ReadOnlySpan<float> images, int batch, int height, int width) => Decoded = images.ToArray();

    public void Report(PipelineProgress value)
    {
        Reports.Add(value);
        OnReport?.Invoke(value);
    }
}
