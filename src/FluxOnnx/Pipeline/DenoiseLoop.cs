using FluxOnnx.Packaging;
using System.Diagnostics;
using FluxOnnx.Latents;
using FluxOnnx.Runtime;
using FluxOnnx.Sampling;

namespace FluxOnnx.Pipeline;

/// <summary>
/// BFL <c>denoise</c> over an ORT transformer session: for each step, timestep ← t, v = model(...), x ← x + (t_next − t)·v.
/// Everything is bound once through an IOBinding (<see cref="TensorBinding"/>) over pinned managed arrays: the static inputs (txt, vec, ids,
/// guidance), the model input and the timestep (rewritten in place between runs), and the output, which ORT writes
/// into a pre-allocated array. Nothing is allocated per step.
/// </summary>
/// <remarks>
/// Image conditioning (BFL <c>denoise</c>'s <c>img_cond</c> and <c>img_cond_seq</c> arguments):
/// <code>
///  none     hidden_states = x                                  [B, S, P]          (x itself is bound)
///  channel  hidden_states = cat((x, img_cond), dim=-1)         [B, S, P + C]      Fill C = 320, Canny/Depth C = P
///  sequence hidden_states = cat((x, img_cond_seq), dim=1)      [B, S + S_ref, P]  Kontext; img_ids likewise
/// P is the packed latent width, latent channels x 2x2 patch (64 for FLUX.1); C for FLUX.1's downsample 8.
///           pred = out[:, :S]                                  (reference rows dropped)
/// </code>
/// The conditioning part of the model input is written once; only x is copied in before each run.
/// </remarks>
internal static class DenoiseLoop
{
    /// <summary>The static conditioning of one call (all float32, row-major).</summary>
    /// <param name="Txt">[B, L, D].</param>
    /// <param name="TextTokens">L.</param>
    /// <param name="TextDim">D.</param>
    /// <param name="Vec">[B, P].</param>
    /// <param name="PooledDim">P.</param>
    /// <param name="ImgIds">[S + S_ref, 3]: target ids, then the Kontext reference's (S_ref = 0 otherwise).</param>
    /// <param name="TxtIds">[L, 3].</param>
    /// <param name="Guidance">Scale for every item, or null to bind no guidance input.</param>
    /// <param name="ImgCond">Channel conditioning [B, S, C] (Fill, Canny, Depth) or null.</param>
    /// <param name="ReferenceTokens">Kontext reference tokens [B, S_ref, P] or null.</param>
    /// <param name="Lora">Run-time LoRA slot tensors (packages with slots), bound once with the rest; null = no slots.</param>
    public sealed record Conditioning(float[] Txt, int TextTokens, int TextDim, float[] Vec, int PooledDim,
        float[] ImgIds, float[] TxtIds, float? Guidance, float[]? ImgCond = null, float[]? ReferenceTokens = null,
        Lora.LoraSlotInputs? Lora = null);

    /// <summary>
    /// Runs every step of <paramref name="timesteps"/> on <paramref name="x"/> ([B, S, P], updated in place), P =
    /// <paramref name="latentChannels"/> (the packed width, <see cref="PackageContract.PackedWidth"/>).
    /// Cancellation is checked before each step and inside each run.
    /// </summary>
    public static void Run(ModelSession transformer, float[] x, int batch, int tokens, int latentChannels, Conditioning c, float[] timesteps,
        IPipelineObserver? observer, IProgress<PipelineProgress>? progress, Stopwatch clock, CancellationToken cancellationToken)
    {
        var steps = timesteps.Length - 1;
        var rows = batch * tokens;
        var condChannels = c.ImgCond is null ? 0 : c.ImgCond.Length / rows;
        var referenceTokens = c.ReferenceTokens is null ? 0 : c.ReferenceTokens.Length / (batch * latentChannels);
        var modelTokens = tokens + referenceTokens;
        var inChannels = latentChannels + condChannels;
        var plain = c.ImgCond is null && c.ReferenceTokens is null;

        var hidden = plain ? x : new float[batch * modelTokens * inChannels];
        var prediction = new float[x.Length];
        var output = referenceTokens == 0 ? prediction : new float[batch * modelTokens * latentChannels];
        if (c.ReferenceTokens is { } reference)
        {
            // Reference rows are static: [b, S + r, :] = img_cond_seq[b, r, :].
            for (var b = 0; b < batch; b++)
            {
                reference.AsSpan(b * referenceTokens * latentChannels, referenceTokens * latentChannels)
                    .CopyTo(hidden.AsSpan((b * modelTokens + tokens) * latentChannels));
            }
        }
        var timestep = new float[batch];
        using (var binding = new TensorBinding(transformer))
        {
            binding.Input(FluxIo.HiddenStates, hidden, batch, modelTokens, inChannels);
            binding.Input(FluxIo.EncoderHiddenStates, c.Txt, batch, c.TextTokens, c.TextDim);
            binding.Input(FluxIo.PooledProjections, c.Vec, batch, c.PooledDim);
            binding.Input(FluxIo.Timestep, timestep, batch);
            binding.Input(FluxIo.ImgIds, c.ImgIds, modelTokens, 3);
            binding.Input(FluxIo.TxtIds, c.TxtIds, c.TextTokens, 3);
            if (c.Guidance is { } guidance)
            {
                // BFL: guidance_vec = torch.full((B,), guidance) in the latent's dtype (float32 here).
                binding.Input(FluxIo.Guidance, Enumerable.Repeat(guidance, batch).ToArray(), batch);
            }
            binding.Output(FluxIo.Latent, output, batch, modelTokens, latentChannels);
            c.Lora?.BindTo(binding); // lora_down.* / lora_up.*: static for the whole loop, like txt and vec

            for (var i = 0; i < steps; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (c.ImgCond is { } imgCond)
                {
                    PackedChannels.Concat(rows, [x, imgCond], [latentChannels, condChannels], hidden);
                }
                else if (referenceTokens > 0)
                {
                    CopyRows(x, tokens, hidden, modelTokens, batch, latentChannels);
                }
                // BFL: t_vec = torch.full((B,), t_curr) — the float32 schedule value.
                Array.Fill(timestep, timesteps[i]);
                binding.Run(cancellationToken, shrinkArena: i == steps - 1); // the idle transformer keeps no activation memory
                if (referenceTokens > 0)
                {
                    CopyRows(output, modelTokens, prediction, tokens, batch, latentChannels); // pred = out[:, :S]
                }
                // The schedule's float32 values act as the reference's Python floats (doubles).
                EulerFlowSampler.Instance.Step(x, prediction, timesteps[i], timesteps[i + 1]);
                observer?.OnStep(new DenoiseStepView(i, steps, timesteps[i], timesteps[i + 1], prediction, x));
                progress?.Report(new PipelineProgress(PipelineStage.Denoising, i + 1, steps, clock.Elapsed));
            }
        }
    }

    /// <summary>Copies the first min(S_src, S_dst) token rows of each batch item between [B, S_src, P] and [B, S_dst, P].</summary>
    private static void CopyRows(float[] source, int sourceTokens, float[] destination, int destinationTokens, int batch, int width)
    {
        var count = Math.Min(sourceTokens, destinationTokens) * width;
        for (var b = 0; b < batch; b++)
        {
            source.AsSpan(b * sourceTokens * width, count).CopyTo(destination.AsSpan(b * destinationTokens * width, count));
        }
    }
}
