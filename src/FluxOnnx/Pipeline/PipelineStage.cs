namespace FluxOnnx.Pipeline;

/// <summary>Stages <see cref="FluxPipeline.Generate"/> reports through <see cref="PipelineProgress"/>.</summary>
public enum PipelineStage
{
    /// <summary>A session is being created (at open, or lazily in low-memory mode); <see cref="PipelineProgress.Component"/> names it.</summary>
    LoadingComponent,

    /// <summary>One prompt was not in the embedding cache; the CLIP and T5 encoders ran on it.</summary>
    EncodingPrompt,

    /// <summary>One prompt's embeddings came from the cache; no encoder ran.</summary>
    PromptCacheHit,

    /// <summary>A denoising step finished: <see cref="PipelineProgress.Step"/> of <see cref="PipelineProgress.TotalSteps"/>.</summary>
    Denoising,

    /// <summary>The VAE decoder is turning the final latents into pixels.</summary>
    Decoding,

    /// <summary>The images are ready.</summary>
    Completed,
}
