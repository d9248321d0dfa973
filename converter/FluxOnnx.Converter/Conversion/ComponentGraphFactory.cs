using FluxOnnx.Converter.Checkpoints;
using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Models.Autoencoder;
using FluxOnnx.Graphs.Models.Clip;
using FluxOnnx.Graphs.Models.Flux;
using FluxOnnx.Graphs.Models.T5;
using FluxOnnx.Graphs.Models.TextEncoders;
using FluxOnnx.Graphs.Weights;
using FluxOnnx.Packaging;
using FluxOnnx.Graphs.Layers;
using FluxOnnx.Graphs.Passes;
using FluxOnnx.Converter.Formats;

namespace FluxOnnx.Converter.Conversion;

/// <summary>
/// Builds each component's graph from its checkpoint view: finds the config (explicit params JSON, then the
/// checkpoint's config.json, then shapes plus a preset), emits the graph code, and checks that every weight
/// was used and none was missing (<see cref="WeightRegistry.EnsureComplete"/>).
/// </summary>
internal static class ComponentGraphFactory
{
    /// <summary>The transformer graph; <paramref name="weights"/> (LoRA-fused) replaces <paramref name="source"/>'s weights and shapes when given.</summary>
    public static BuiltComponent Transformer(ComponentWeightSource source, string? paramsJson, Target target, WeightPolicy policy,
        IWeightSource? weights = null)
    {
        var w = weights ?? source;
        var preset = w.ShapeOf("guidance_in.in_layer.weight") is null ? FluxConfig.FluxSchnell : FluxConfig.FluxDev;
        var shapes = w.Names.Select(n => KeyValuePair.Create(n, w.ShapeOf(n)!));
        var config = paramsJson is not null ? FluxParamsJson.Load(paramsJson)
            : source.ConfigPath is not null ? DiffusersTransformerConfigJson.Read(source.ConfigPath, shapes, preset)
            : FluxConfig.FromCheckpointShapes(shapes, preset);
        var g = new GraphBuilder(new GraphBuilderOptions { GraphName = ComponentRoles.Transformer, RootScope = ComponentRoles.Transformer });
        var registry = new WeightRegistry(g, w, policy);
        FluxTransformerGraph.Build(g, registry.Root, config, new FluxGraphOptions { Target = ToAttentionTarget(target) });
        registry.EnsureComplete();
        return new BuiltComponent(ComponentRoles.Transformer, PrecisionPasses.Apply(g.Build(), policy), source, config);
    }

    public static BuiltComponent T5(ComponentWeightSource source, int textLength, Target target, WeightPolicy policy,
        IWeightSource? weights = null)
    {
        var config = source.ConfigPath is not null
            ? HfT5ConfigJson.Read(source.ConfigPath)
            : T5EncoderConfig.FromCheckpoint(source, T5EncoderConfig.T5V11Xxl);
        var g = new GraphBuilder(new GraphBuilderOptions { GraphName = ComponentRoles.TextEncoder2, RootScope = ComponentRoles.TextEncoder2 });
        var registry = new WeightRegistry(g, weights ?? source, policy);
        T5EncoderGraph.Build(g, registry.Root, config, textLength, new TextEncoderGraphOptions { Attention = Attention(target) });
        registry.EnsureComplete();
        return new BuiltComponent(ComponentRoles.TextEncoder2, PrecisionPasses.Apply(g.Build(), policy), source, config);
    }

    public static BuiltComponent Clip(ComponentWeightSource source, Target target, WeightPolicy policy,
        IWeightSource? weights = null)
    {
        var config = source.ConfigPath is not null
            ? HfClipConfigJson.Read(source.ConfigPath)
            : ClipTextConfig.FromCheckpoint(source, ClipTextConfig.ClipVitLargePatch14);
        var g = new GraphBuilder(new GraphBuilderOptions { GraphName = ComponentRoles.TextEncoder, RootScope = ComponentRoles.TextEncoder });
        var registry = new WeightRegistry(g, weights ?? source, policy);
        ClipTextGraph.Build(g, registry.Root, config, new TextEncoderGraphOptions { Attention = Attention(target) });
        registry.EnsureComplete();
        return new BuiltComponent(ComponentRoles.TextEncoder, PrecisionPasses.Apply(g.Build(), policy), source, config);
    }

    public static AutoencoderConfig AeConfig(ComponentWeightSource source, string? paramsJson) =>
        paramsJson is not null ? AutoencoderParamsJson.Load(paramsJson) : AutoencoderConfig.FromCheckpoint(source);

    public static BuiltComponent VaeDecoder(ComponentWeightSource source, AutoencoderConfig config, Target target, WeightPolicy policy)
    {
        var g = new GraphBuilder(new GraphBuilderOptions { GraphName = ComponentRoles.VaeDecoder, RootScope = ComponentRoles.VaeDecoder });
        var registry = new WeightRegistry(g, new PrefixFilteredWeightSource(source, AutoencoderGraphs.DecoderWeightPrefix), policy);
        AutoencoderGraphs.BuildDecoder(g, registry.Root, config, new AutoencoderGraphOptions { Attention = Attention(target) });
        registry.EnsureComplete();
        return new BuiltComponent(ComponentRoles.VaeDecoder, PrecisionPasses.Apply(g.Build(), policy), source, config);
    }

    public static BuiltComponent VaeEncoder(ComponentWeightSource source, AutoencoderConfig config, Target target, WeightPolicy policy)
    {
        var g = new GraphBuilder(new GraphBuilderOptions { GraphName = ComponentRoles.VaeEncoder, RootScope = ComponentRoles.VaeEncoder });
        var registry = new WeightRegistry(g, new PrefixFilteredWeightSource(source, AutoencoderGraphs.EncoderWeightPrefix), policy);
        AutoencoderGraphs.BuildEncoder(g, registry.Root, config, new AutoencoderGraphOptions { Attention = Attention(target) });
        registry.EnsureComplete();
        return new BuiltComponent(ComponentRoles.VaeEncoder, PrecisionPasses.Apply(g.Build(), policy), source, config);
    }

    private static AttentionTarget ToAttentionTarget(Target target) => target switch
    {
        Target.Cuda => AttentionTarget.Cuda,
        Target.DirectMl => AttentionTarget.DirectMl,
        Target.TensorRt => AttentionTarget.TensorRt,
        _ => AttentionTarget.Cpu,
    };

    private static AttentionForm Attention(Target target) => AttentionForms.For(ToAttentionTarget(target));
}
