using FluxOnnx.Packaging;
using FluxOnnx.Pipeline;

namespace FluxOnnx.Tools.Calibration;

/// <summary>Copies the transformer inputs of every step of one generate call.</summary>
internal sealed class TransformerStepRecorder : IPipelineObserver
{
    private readonly List<float[]> _latents = [];
    private float[] _txt = [], _vec = [], _imgIds = [], _txtIds = [], _timesteps = [];
    private float? _guidance;
    private int _batch, _textTokens;

    public void OnPrepared(in PreparedInputsView inputs)
    {
        if (!inputs.ImgCond.IsEmpty || !inputs.ReferenceTokens.IsEmpty)
        {
            throw new NotSupportedException("Calibration covers text-to-image variants (schnell, dev) only.");
        }
        _txt = inputs.Txt.ToArray();
        _vec = inputs.Vec.ToArray();
        _imgIds = inputs.ImgIds.ToArray();
        _txtIds = inputs.TxtIds.ToArray();
        _timesteps = inputs.Timesteps.ToArray();
        _guidance = inputs.Guidance;
        _batch = inputs.Batch;
        _textTokens = inputs.TextTokens;
        _latents.Add(inputs.Img.ToArray());
    }

    public void OnStep(in DenoiseStepView step) => _latents.Add(step.Latent.ToArray());

    /// <summary>Step i: hidden_states = the latent before step i, timestep = timesteps[i]; values with their shapes.</summary>
    public IEnumerable<Dictionary<string, (float[] Data, long[] Shape)>> StepInputs()
    {
        long tokens = _imgIds.Length / 3;
        long textDim = _txt.Length / (_batch * _textTokens);
        long pooledDim = _vec.Length / _batch;
        for (var i = 0; i < _timesteps.Length - 1; i++)
        {
            var inputs = new Dictionary<string, (float[], long[])>(StringComparer.Ordinal)
            {
                [FluxIo.HiddenStates] = (_latents[i], [_batch, tokens, _latents[i].Length / (_batch * tokens)]),
                [FluxIo.EncoderHiddenStates] = (_txt, [_batch, _textTokens, textDim]),
                [FluxIo.PooledProjections] = (_vec, [_batch, pooledDim]),
                [FluxIo.Timestep] = (Enumerable.Repeat(_timesteps[i], _batch).ToArray(), [_batch]),
                [FluxIo.ImgIds] = (_imgIds, [tokens, 3]),
                [FluxIo.TxtIds] = (_txtIds, [_textTokens, 3]),
            };
            if (_guidance is { } guidance)
            {
                inputs[FluxIo.Guidance] = (Enumerable.Repeat(guidance, _batch).ToArray(), [_batch]);
            }
            yield return inputs;
        }
    }
}
