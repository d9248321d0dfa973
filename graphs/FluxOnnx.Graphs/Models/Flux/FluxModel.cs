using FluxOnnx.Packaging;
using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Layers;
using FluxOnnx.Graphs.Weights;

namespace FluxOnnx.Graphs.Models.Flux;

/// <summary>
/// flux <c>src/flux/model.py</c> <c>Flux.forward</c> as one ONNX graph: the entry point the converter calls. The
/// inputs are forward's parameters under their graph names (<see cref="FluxIo"/>), the body is
/// forward's statements in order, the modules are <c>Layers.cs</c>. Weights are taken under BFL names from the
/// given scope, so <see cref="WeightRegistry.EnsureComplete"/> afterwards lists anything missing, mis-shaped or
/// unused. (The class keeps the name <c>FluxTransformerGraph</c> that converter, bench and tests call.)
/// </summary>
public static class FluxTransformerGraph
{
    /// <summary>
    /// Declares the inputs of <see cref="FluxIo"/> (<c>guidance</c> only when
    /// <see cref="FluxConfig.GuidanceEmbed"/>), builds the transformer and declares the <c>latent</c> output, which
    /// is returned.
    /// <code>
    ///   hidden_states ─img_in────────────────────────────────────────► img ─┐
    ///   encoder_hidden_states ─txt_in────────────────────────────────► txt ─┤
    ///   timestep ─emb─time_in ─┐                                            ├─ double_blocks ×depth ─► cat(txt, img)
    ///   guidance ─emb─guidance_in ─(+)─ vector_in(pooled_projections) ─► vec ┤    ─ single_blocks ×depth_single
    ///   cat(txt_ids, img_ids) ─EmbedND─────────────────────────────────► pe ─┘    ─ [:, txt_tokens:] ─ final_layer ─► latent
    /// </code>
    /// </summary>
    /// <param name="g">The builder; its root scope (e.g. <c>transformer</c>) prefixes node names.</param>
    /// <param name="root">Weights at the module root (<c>img_in</c>, <c>double_blocks</c> ... are its children).</param>
    /// <param name="config">Validated here (<see cref="FluxConfig.Validate"/>).</param>
    /// <param name="options">Attention and norm op choices; null means <see cref="FluxGraphOptions"/> defaults (CPU).</param>
    public static Value Build(GraphBuilder g, WeightScope root, FluxConfig config, FluxGraphOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(g);
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        options ??= new FluxGraphOptions();
        long hidden = config.HiddenSize;

        // forward(img, img_ids, txt, txt_ids, timesteps, y, guidance)
        const string batch = FluxIo.BatchDim, imgTokens = FluxIo.ImgTokensDim, txtTokens = FluxIo.TxtTokensDim;
        var imgInput = g.Input(FluxIo.HiddenStates, ElementType.Float, new Shape(batch, imgTokens, config.InChannels));
        var txtInput = g.Input(FluxIo.EncoderHiddenStates, ElementType.Float, new Shape(batch, txtTokens, config.ContextInDim));
        var y = g.Input(FluxIo.PooledProjections, ElementType.Float, new Shape(batch, config.VecInDim));
        var timesteps = g.Input(FluxIo.Timestep, ElementType.Float, new Shape(batch));
        var imgIds = g.Input(FluxIo.ImgIds, ElementType.Float, new Shape(imgTokens, 3));
        var txtIds = g.Input(FluxIo.TxtIds, ElementType.Float, new Shape(txtTokens, 3));
        var guidance = config.GuidanceEmbed
            ? g.Input(FluxIo.Guidance, ElementType.Float, new Shape(batch))
            : null;

        // running on sequences img. FLUX-FACTS: the embedders and final_layer are never quantized (NotQuantized).
        Value img, txt, vec;
        using (var imgIn = root.Enter("img_in").NotQuantized)
        {
            img = Linear.Apply(imgIn, imgInput, config.InChannels, hidden);                            // [B, I, hidden]
        }
        // fp16 keeps the sinusoids of 1000·t and their MLPs in float32 (time_in, guidance_in).
        using (var timeIn = root.Enter("time_in").NotQuantized)
        using (g.KeepFloat32())
        {
            vec = MlpEmbedder.Apply(timeIn, TimestepEmbedding.Apply(g, timesteps), TimestepEmbedding.Dim, hidden); // [B, hidden]
        }
        if (guidance is not null)
        {
            using var guidanceIn = root.Enter("guidance_in").NotQuantized;
            using var keep = g.KeepFloat32();
            vec = g.Add(vec, MlpEmbedder.Apply(guidanceIn, TimestepEmbedding.Apply(g, guidance), TimestepEmbedding.Dim, hidden)); // [B, hidden]
        }
        using (var vectorIn = root.Enter("vector_in").NotQuantized)
        {
            vec = g.Add(vec, MlpEmbedder.Apply(vectorIn, y, config.VecInDim, hidden));                        // [B, hidden]
        }
        using (var txtIn = root.Enter("txt_in").NotQuantized)
        {
            txt = Linear.Apply(txtIn, txtInput, config.ContextInDim, hidden);                          // [B, T, hidden]
        }

        // ids = cat((txt_ids, img_ids)); pe = pe_embedder(ids). fp16 keeps the RoPE table in float32 (FLUX-FACTS).
        RopeTable pe;
        using (g.Scope("pe_embedder"))
        using (g.KeepFloat32())
        {
            var ids = g.Concat(0, txtIds, imgIds);                                                            // [T+I, 3]
            pe = EmbedND.Apply(g, ids, config.AxesDim, config.Theta);                                         // [T+I, 1, D] ×2
        }

        for (int i = 0; i < config.Depth; i++)
        {
            using var block = root.Enter("double_blocks", i);
            (img, txt) = DoubleStreamBlock.Apply(block, img, txt, vec, pe, config, options);                  // [B, I, hidden], [B, T, hidden]
        }

        // img = cat((txt, img), 1), called x here: the slice below takes the image token count from img
        var x = g.Concat(1, txt, img);                                                                        // [B, T+I, hidden]
        int firstLate = FirstLateSingleBlock(config);
        for (int i = 0; i < config.DepthSingleBlocks; i++)
        {
            using var block = root.Enter("single_blocks", i);
            x = SingleStreamBlock.Apply(block, x, vec, pe, config, options, keepResidualFloat32: i >= firstLate); // [B, T+I, hidden]
        }
        // fp16: once the residual stream went through late blocks in float32, it stays there up to norm_final.
        bool lateResidual = config.DepthSingleBlocks > 0;
        using (g.KeepFloat32If(lateResidual, "Split"))
        {
            (_, img) = TokenSplit.Apply(g, x, txt, img);                                                      // img = x[:, T:]  [B, I, hidden]
        }

        using (var finalLayer = root.Enter("final_layer").NotQuantized)
        using (g.KeepFloat32If(lateResidual, "LayerNormalization"))
        {
            img = LastLayer.Apply(finalLayer, img, vec, config);                                              // [B, I, out_channels]
        }
        g.Output(img, FluxIo.Latent);
        return img;
    }

    /// <summary>
    /// The first of the single blocks whose residual stream the fp16 precision keeps in float32: the last quarter,
    /// rounded up, and at least one (28 of 38 for FLUX.1). There activations grow past fp16's 65504 (FLUX-FACTS
    /// "Known traps"; ONNX Runtime's FLUX fp16 recipe keeps the late single blocks' LayerNorm/Add in float32).
    /// </summary>
    private static int FirstLateSingleBlock(FluxConfig config) =>
        config.DepthSingleBlocks - Math.Max(1, (config.DepthSingleBlocks + 3) / 4);
}
