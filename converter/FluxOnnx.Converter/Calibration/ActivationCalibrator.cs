using FluxOnnx.Packaging;
using FluxOnnx.Converter.Conversion;
using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Weights;
using FluxOnnx.Graphs.Writing;
using FluxOnnx.Runtime;
using FluxOnnx.Pipeline;

namespace FluxOnnx.Converter.Calibration;

/// <summary>
/// Records the amax of every quantized Linear's input for static fp8 activation quantization (TensorRT):
/// <code>
///   fp32 package ─► FluxPipeline (prompt i, seed i, package defaults) ─observer─► per step: latent, txt, vec, ids, t
///   record graph (fp32 transformer + calibration/{prefix} = ReduceMax(Abs(x))) ─► run on each step's inputs
///   amax[prefix] = max over steps and prompts
/// </code>
/// The record graph is the same checkpoint built under <see cref="ActivationCalibration.Record"/>, so its Linear
/// inputs are the fp32 package's, step for step.
/// </summary>
public static class ActivationCalibrator
{
    /// <summary>The calibration prompt set; prompt i is <c>Prompts[i % Count]</c>.</summary>
    public static IReadOnlyList<string> Prompts { get; } =
    [
        "a photograph of a red fox in a snowy forest at dawn",
        "a bowl of ramen on a wooden table, studio lighting",
        "an oil painting of a lighthouse in a storm",
        "a city street at night with neon signs reflected in puddles",
        "a portrait of an old fisherman with a white beard",
        "a watercolor of sunflowers in a blue vase",
        "a futuristic spaceship above a desert planet",
        "a cozy library with tall bookshelves and a fireplace",
    ];

    /// <summary>
    /// Runs <paramref name="promptCount"/> prompts through the fp32 package at <paramref name="fp32Package"/> and
    /// the record graph <paramref name="recordGraph"/> (written to a temporary file here); returns scope prefix → amax.
    /// </summary>
    public static IReadOnlyDictionary<string, float> Calibrate(BuiltModel recordGraph, string fp32Package, int promptCount,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recordGraph);
        ArgumentOutOfRangeException.ThrowIfLessThan(promptCount, 1);
        var outputs = recordGraph.Proto.Graph.Output.Select(o => o.Name)
            .Where(n => n.StartsWith(ActivationCalibration.OutputPrefix, StringComparison.Ordinal)).ToArray();
        if (outputs.Length == 0)
        {
            throw new InvalidOperationException("The record graph has no calibration outputs.");
        }
        var temp = Directory.CreateTempSubdirectory("flux-calib-").FullName;
        try
        {
            var modelPath = Path.Combine(temp, "transformer.onnx");
            new OnnxModelWriter().Write(recordGraph, modelPath, cancellationToken: cancellationToken);
            var amax = outputs.ToDictionary(n => n[ActivationCalibration.OutputPrefix.Length..], _ => 0f, StringComparer.Ordinal);
            using var options = new SessionSettings().CreateOptions(out _);
            using var session = new ModelSession(modelPath, options);
            using var pipeline = FluxPipeline.Open(fp32Package, new PipelineOptions(), cancellationToken: cancellationToken);
            for (var p = 0; p < promptCount; p++)
            {
                var recorder = new StepRecorder();
                pipeline.Generate(GenerateRequest.For(Prompts[p % Prompts.Count], (ulong)p), observer: recorder, cancellationToken: cancellationToken);
                foreach (var inputs in recorder.StepInputs())
                {
                    var values = inputs.ToDictionary(kv => kv.Key, kv => OnnxTensors.Wrap(kv.Value.Data, kv.Value.Shape), StringComparer.Ordinal);
                    try
                    {
                        using var results = session.Run(values, outputs, cancellationToken);
                        var i = 0;
                        foreach (var result in results)
                        {
                            var key = outputs[i++][ActivationCalibration.OutputPrefix.Length..];
                            amax[key] = Math.Max(amax[key], result.GetTensorDataAsSpan<float>()[0]);
                        }
                    }
                    finally
                    {
                        foreach (var v in values.Values) v.Dispose();
                    }
                }
            }
            return amax;
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }
    }

    private sealed record Tensor(float[] Data, long[] Shape);

    /// <summary>Copies the transformer inputs of every step of one generate call.</summary>
    private sealed class StepRecorder : IPipelineObserver
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

        /// <summary>Step i: hidden_states = the latent before step i, timestep = timesteps[i].</summary>
        public IEnumerable<Dictionary<string, Tensor>> StepInputs()
        {
            long tokens = _imgIds.Length / 3;
            long textDim = _txt.Length / (_batch * _textTokens);
            long pooledDim = _vec.Length / _batch;
            for (var i = 0; i < _timesteps.Length - 1; i++)
            {
                var inputs = new Dictionary<string, Tensor>(StringComparer.Ordinal)
                {
                    [FluxIo.HiddenStates] = new(_latents[i], [_batch, tokens, _latents[i].Length / (_batch * tokens)]),
                    [FluxIo.EncoderHiddenStates] = new(_txt, [_batch, _textTokens, textDim]),
                    [FluxIo.PooledProjections] = new(_vec, [_batch, pooledDim]),
                    [FluxIo.Timestep] = new(Enumerable.Repeat(_timesteps[i], _batch).ToArray(), [_batch]),
                    [FluxIo.ImgIds] = new(_imgIds, [tokens, 3]),
                    [FluxIo.TxtIds] = new(_txtIds, [_textTokens, 3]),
                };
                if (_guidance is { } guidance)
                {
                    inputs[FluxIo.Guidance] = new(Enumerable.Repeat(guidance, _batch).ToArray(), [_batch]);
                }
                yield return inputs;
            }
        }
    }
}
