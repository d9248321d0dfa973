using System.Diagnostics;
using FluxOnnx.Runtime;
using FluxOnnx.Packaging;
using FluxOnnx.Tokenizers.Clip;
using FluxOnnx.Tokenizers.T5;

namespace FluxOnnx.Pipeline;

/// <summary>
/// Prompt → transformer conditioning (BFL <c>prepare</c>): T5 <c>text_embeddings</c> become <c>txt</c> [B, L, D] and
/// the CLIP <c>pooled_embeddings</c> become <c>vec</c> [B, P]. Each distinct prompt is encoded once per call, with
/// batch 1, and its embeddings are cached (keyed by prompt text, or by the token ids when given, plus both text
/// lengths) so that repeating it skips both encoders. Not thread-safe.
/// </summary>
internal sealed class TextConditioning
{
    private readonly ClipTokenizer _clip;
    private readonly T5Tokenizer _t5;
    private readonly TextLengths _lengths;
    private readonly int _capacity;
    private readonly Dictionary<string, PromptEmbeddings> _cache = new(StringComparer.Ordinal);
    private readonly Queue<string> _insertionOrder = new();

    public TextConditioning(ModelPackage package, int cacheCapacity)
    {
        _lengths = package.Manifest.Text;
        _clip = ClipTokenizer.FromDirectory(package.TokenizerPath("clip"), _lengths.Clip);
        _t5 = T5Tokenizer.FromDirectory(package.TokenizerPath("t5"));
        _capacity = cacheCapacity;
    }

    /// <summary>One prompt's encoder outputs: txt [L, D] and vec [P], owned by the cache (never written).</summary>
    private sealed record PromptEmbeddings(float[] Txt, float[] Vec);

    public int CachedPrompts => _cache.Count;

    public void ClearCache()
    {
        _cache.Clear();
        _insertionOrder.Clear();
    }

    /// <summary>
    /// Builds txt [B, L, D] and vec [B, P] for the batch. <paramref name="prompts"/> has B entries;
    /// <paramref name="tokens"/> is null or has B entries and then replaces tokenization.
    /// </summary>
    public (float[] Txt, float[] Vec, int Dim, int PooledDim) Encode(
        IReadOnlyList<string> prompts, IReadOnlyList<PromptTokens>? tokens, ComponentSessions sessions,
        IProgress<PipelineProgress>? progress, Stopwatch clock, int totalSteps, CancellationToken cancellationToken)
    {
        var items = new PromptEmbeddings[prompts.Count];
        var thisCall = new Dictionary<string, PromptEmbeddings>(StringComparer.Ordinal);
        for (var b = 0; b < items.Length; b++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var given = tokens?[b];
            var key = given is null
                ? $"{_lengths.Clip}|{_lengths.T5}|text|{prompts[b]}"
                : $"{_lengths.Clip}|{_lengths.T5}|ids|{string.Join(',', given.ClipIds)}|{string.Join(',', given.T5Ids)}";
            var label = given is null ? prompts[b] : null;
            if (thisCall.TryGetValue(key, out var cached) || _cache.TryGetValue(key, out cached))
            {
                items[b] = cached;
                progress?.Report(new PipelineProgress(PipelineStage.PromptCacheHit, 0, totalSteps, clock.Elapsed, label));
                continue;
            }
            var clipIds = given?.ClipIds ?? _clip.Encode(prompts[b]);
            var t5Ids = given?.T5Ids ?? _t5.Encode(prompts[b], _lengths.T5);
            progress?.Report(new PipelineProgress(PipelineStage.EncodingPrompt, 0, totalSteps, clock.Elapsed, label));
            var vec = RunEncoder(sessions.Get(ComponentRoles.TextEncoder, progress, clock, totalSteps),
                ComponentRoles.TextEncoder, clipIds, FluxIo.PooledEmbeddings, cancellationToken);
            var txt = RunEncoder(sessions.Get(ComponentRoles.TextEncoder2, progress, clock, totalSteps),
                ComponentRoles.TextEncoder2, t5Ids, FluxIo.TextEmbeddings, cancellationToken);
            items[b] = thisCall[key] = new PromptEmbeddings(txt, vec);
            Remember(key, items[b]);
        }
        var dim = items[0].Txt.Length / _lengths.T5;
        var pooledDim = items[0].Vec.Length;
        var allTxt = new float[items.Length * items[0].Txt.Length];
        var allVec = new float[items.Length * pooledDim];
        for (var b = 0; b < items.Length; b++)
        {
            items[b].Txt.CopyTo(allTxt, b * items[0].Txt.Length);
            items[b].Vec.CopyTo(allVec, b * pooledDim);
        }
        return (allTxt, allVec, dim, pooledDim);
    }

    /// <summary>
    /// Runs one encoder on [1, L] ids and copies out one output with the batch axis dropped. T5's per-token output
    /// must keep L tokens ([1, L, D]); the pooled output is [1, P].
    /// </summary>
    private static float[] RunEncoder(ModelSession session, string role, long[] ids, string output, CancellationToken cancellationToken)
    {
        using var input = OnnxTensors.Wrap(ids, 1, ids.Length);
        using var outputs = session.Run(new Dictionary<string, Microsoft.ML.OnnxRuntime.OrtValue> { [FluxIo.InputIds] = input },
            [output], cancellationToken, shrinkArena: true);
        var value = outputs.First();
        var shape = value.GetTensorTypeAndShape().Shape;
        var perToken = output == FluxIo.TextEmbeddings;
        if (perToken ? shape.Length != 3 || shape[0] != 1 || shape[1] != ids.Length : shape.Length != 2 || shape[0] != 1)
        {
            throw new ComponentSignatureException(session.ModelPath, role, "output '" + output + "'",
                perToken ? $"shape [1, {ids.Length}, D]" : "shape [1, P]", "shape [" + string.Join(", ", shape) + "]");
        }
        return value.GetTensorDataAsSpan<float>().ToArray();
    }

    private void Remember(string key, PromptEmbeddings embeddings)
    {
        if (_capacity <= 0)
        {
            return;
        }
        while (_cache.Count >= _capacity && _insertionOrder.TryDequeue(out var oldest))
        {
            _cache.Remove(oldest);
        }
        _cache[key] = embeddings;
        _insertionOrder.Enqueue(key);
    }
}
