using FluxOnnx.Pipeline;

namespace FluxOnnx.Converter.Tests.EndToEnd;

/// <summary>Copies what the pipeline lends to its observer, for comparison with a fixture.</summary>
internal sealed class RecordingObserver : IPipelineObserver
{
    public float[] Noise { get; private set; } = [];
    public float[] Img { get; private set; } = [];
    public float[] Txt { get; private set; } = [];
    public float[] Vec { get; private set; } = [];
    public float[] Timesteps { get; private set; } = [];
    public List<float[]> Predictions { get; } = [];
    public List<float[]> Latents { get; } = [];
    public float[] Decoded { get; private set; } = [];
    public float[] InitLatent { get; private set; } = [];
    public float[] ImgCond { get; private set; } = [];
    public float[] ReferenceTokens { get; private set; } = [];
    public float[] ReferenceIds { get; private set; } = [];
    public float[] ImgIds { get; private set; } = [];

    public void OnPrepared(in PreparedInputsView inputs)
    {
        Noise = inputs.Noise.ToArray();
        Img = inputs.Img.ToArray();
        Txt = inputs.Txt.ToArray();
        Vec = inputs.Vec.ToArray();
        Timesteps = inputs.Timesteps.ToArray();
        InitLatent = inputs.InitLatent.ToArray();
        ImgCond = inputs.ImgCond.ToArray();
        ReferenceTokens = inputs.ReferenceTokens.ToArray();
        ReferenceIds = inputs.ReferenceIds.ToArray();
        ImgIds = inputs.ImgIds.ToArray();
    }

    public void OnStep(in DenoiseStepView step)
    {
        Predictions.Add(step.Prediction.ToArray());
        Latents.Add(step.Latent.ToArray());
    }

    public void OnDecoded(ReadOnlySpan<float> images, int batch, int height, int width) => Decoded = images.ToArray();
}
