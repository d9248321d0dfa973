namespace FluxOnnx.Graphs.Models.Flux;

// Named presets. Values from black-forest-labs/flux src/flux/util.py, configs["flux-dev"].params and
// configs["flux-schnell"].params (FluxParams(...)); FLUX-FACTS.md lists the same numbers.
public sealed partial record FluxConfig
{
    /// <summary>FLUX.1 [schnell]: util.py <c>configs["flux-schnell"]</c>; no guidance embedding.</summary>
    public static FluxConfig FluxSchnell { get; } = new FluxConfig
    {
        InChannels = 64,
        OutChannels = 64,
        VecInDim = 768,
        ContextInDim = 4096,
        HiddenSize = 3072,
        MlpRatio = 4.0,
        NumHeads = 24,
        Depth = 19,
        DepthSingleBlocks = 38,
        AxesDim = [16, 56, 56],
        Theta = 10_000,
        QkvBias = true,
        GuidanceEmbed = false,
    }.Validate();

    /// <summary>
    /// FLUX.1 [dev]: util.py <c>configs["flux-dev"]</c>; guidance-distilled. Fill, Canny/Depth and Kontext differ
    /// only in <see cref="InChannels"/> (384, 128, 64), which <see cref="FromCheckpointShapes"/> reads.
    /// </summary>
    public static FluxConfig FluxDev { get; } = FluxSchnell with { GuidanceEmbed = true };
}
