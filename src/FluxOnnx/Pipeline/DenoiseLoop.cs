using System.Diagnostics;
using FluxOnnx.Ort;
using FluxOnnx.Sampling;

namespace FluxOnnx.Pipeline;

/// <summary>
/// BFL <c>denoise</c> over an ORT transformer session: for each step, timestep ← t, v = model(...), x ← x + (t_next − t)·v.
/// Everything is bound once through an IOBinding over pinned managed arrays: the static inputs (txt, vec, ids,
/// guidance), the latent x and the timestep (rewritten in place between runs), and the output, which ORT writes
/// into a pre-allocated prediction array. Nothing is allocated per step.
/// </summary>
internal static class DenoiseLoop
{
    /// <summary>The static conditioning of one call (all float32, row-major).</summary>
    /// <param name="Txt">[B, L, D].</param>
    /// <param name="TextTokens">L.</param>
    /// <param name="TextDim">D.</param>
    /// <param name="Vec">[B, P].</param>
    /// <param name="PooledDim">P.</param>
    /// <param name="ImgIds">[S, 3].</param>
    /// <param name="TxtIds">[L, 3].</param>
    /// <param name="Guidance">Scale for every item, or null to bind no guidance input.</param>
    public sealed record Conditioning(float[] Txt, int TextTokens, int TextDim, float[] Vec, int PooledDim,
        float[] ImgIds, float[] TxtIds, float? Guidance);

    /// <summary>
    /// Runs every step of <paramref name="timesteps"/> on <paramref name="x"/> ([B, S, 64], updated in place).
    /// Cancellation is checked before each step and inside each run.
    /// </summary>
    public static void Run(OrtSession transformer, float[] x, int batch, int tokens, Conditioning c, float[] timesteps,
        IPipelineObserver? observer, IProgress<PipelineProgress>? progress, Stopwatch clock, CancellationToken cancellationToken)
    {
        var library = transformer.Library;
        var steps = timesteps.Length - 1;
        var timestep = new float[batch];
        var prediction = new float[x.Length];
        var values = new List<OrtValue>();
        try
        {
            OrtValue Tensor(float[] data, params long[] shape)
            {
                var value = OrtValue.CreateTensor(library, data.AsMemory(), shape);
                values.Add(value);
                return value;
            }

            // The binding references these values; it is disposed (end of this block) before they are (finally).
            using var binding = transformer.CreateIoBinding();
            binding.BindInput(FluxIoNames.HiddenStates, Tensor(x, batch, tokens, PackageContract.PackedChannels));
            binding.BindInput(FluxIoNames.EncoderHiddenStates, Tensor(c.Txt, batch, c.TextTokens, c.TextDim));
            binding.BindInput(FluxIoNames.PooledProjections, Tensor(c.Vec, batch, c.PooledDim));
            binding.BindInput(FluxIoNames.Timestep, Tensor(timestep, batch));
            binding.BindInput(FluxIoNames.ImgIds, Tensor(c.ImgIds, tokens, 3));
            binding.BindInput(FluxIoNames.TxtIds, Tensor(c.TxtIds, c.TextTokens, 3));
            if (c.Guidance is { } guidance)
            {
                // BFL: guidance_vec = torch.full((B,), guidance) in the latent's dtype (float32 here).
                binding.BindInput(FluxIoNames.Guidance, Tensor(Enumerable.Repeat(guidance, batch).ToArray(), batch));
            }
            binding.BindOutput(FluxIoNames.Latent, Tensor(prediction, batch, tokens, PackageContract.PackedChannels));

            for (var i = 0; i < steps; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                // BFL: t_vec = torch.full((B,), t_curr) — the float32 schedule value.
                Array.Fill(timestep, timesteps[i]);
                transformer.RunWithBinding(binding, cancellationToken: cancellationToken);
                // The schedule's float32 values act as the reference's Python floats (doubles).
                EulerFlowSampler.Instance.Step(x, prediction, timesteps[i], timesteps[i + 1]);
                observer?.OnStep(new DenoiseStepView(i, steps, timesteps[i], timesteps[i + 1], prediction, x));
                progress?.Report(new PipelineProgress(PipelineStage.Denoising, i + 1, steps, clock.Elapsed));
            }
        }
        finally
        {
            foreach (var value in values)
            {
                value.Dispose();
            }
        }
    }
}
