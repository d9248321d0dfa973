using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Onnx;
using FluxOnnx.Graphs.Writing;
using FluxOnnx.Packaging;
using FluxOnnx.Pipeline;
using FluxOnnx.Tokenizers.Clip;
using FluxOnnx.Tokenizers.T5;

namespace FluxOnnx.Tests.Pipeline;

/// <summary>What a stand-in package looks like; defaults describe a schnell-like package.</summary>
internal sealed record StandInSpec
{
    public Variant Variant { get; init; } = Variant.Schnell;
    public bool GuidanceInput { get; init; }
    public SamplingDefaults Defaults { get; init; } = new(Steps: 4, Guidance: null, Shift: false, Width: 64, Height: 48);
    public int T5Length { get; init; } = StandInMath.T5Length;
    /// <summary>The manifest's LatentSpace.Downsample; the stand-in decoder upsamples (and encoder subsamples) by the same factor.</summary>
    public int Downsample { get; init; } = 8;
    /// <summary>Also writes a stand-in vae_encoder (img2img, Fill, Kontext).</summary>
    public bool VaeEncoder { get; init; }
    /// <summary>The transformer's hidden_states width (64, or with Fill / control conditioning channels appended; only the first 64 are used).</summary>
    public int TransformerInChannels { get; init; } = 64;
    /// <summary>Renames a transformer graph input in the ONNX file only (the manifest keeps the right name).</summary>
    public (string From, string To)? GraphInputRename { get; init; }
    /// <summary>Edits the manifest before it is written (after hashing).</summary>
    public Func<PackageManifest, PackageManifest>? EditManifest { get; init; }
}

/// <summary>
/// Writes a complete FluxOnnx package whose four graphs are tiny stand-ins with the real I/O names and the simple
/// float32 math of <see cref="StandInMath"/>, the tiny CLIP and T5 tokenizer files, and a manifest with hashes.
/// </summary>
internal static class StandInPackage
{
    public static string Write(string folder, StandInSpec spec)
    {
        Directory.CreateDirectory(folder);
        var components = new Dictionary<string, ComponentManifest>(StringComparer.Ordinal)
        {
            [ComponentRoles.TextEncoder] = WriteGraph(folder, ComponentRoles.TextEncoder, ClipGraph(), null),
            [ComponentRoles.TextEncoder2] = WriteGraph(folder, ComponentRoles.TextEncoder2, T5Graph(spec.T5Length), null),
            [ComponentRoles.Transformer] = WriteGraph(folder, ComponentRoles.Transformer, TransformerGraph(spec), spec.GraphInputRename),
            [ComponentRoles.VaeDecoder] = WriteGraph(folder, ComponentRoles.VaeDecoder, DecoderGraph(spec.Downsample), null),
        };
        if (spec.VaeEncoder)
        {
            components[ComponentRoles.VaeEncoder] = WriteGraph(folder, ComponentRoles.VaeEncoder, EncoderGraph(spec.Downsample), null);
        }
        TinyClipTokenizerFiles.Write(Path.Combine(folder, "tokenizer"), StandInMath.ClipVocabularySize);
        TinyT5TokenizerFiles.Write(Path.Combine(folder, "tokenizer_2"));
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(f => f != PackageManifest.FileName)
            .ToDictionary(f => f, f => FileHashing.Sha256Hex(Path.Combine(folder, f)), StringComparer.Ordinal);
        var manifest = new PackageManifest(
            PackageManifest.CurrentFormatVersion, "FluxOnnx.Tests stand-in", "flux1", spec.Variant, Precision.Fp32, Target.Cpu, ["cpu"],
            spec.Defaults, new LatentSpace(16, spec.Downsample, 0.3611, 0.1159), new TextLengths(77, spec.T5Length), components,
            new Dictionary<string, string> { ["clip"] = "tokenizer", ["t5"] = "tokenizer_2" }, [], files);
        manifest = spec.EditManifest?.Invoke(manifest) ?? manifest;
        PackageManifestJson.Write(manifest, Path.Combine(folder, PackageManifest.FileName));
        return folder;
    }

    /// <summary>CLIP: pooled = float(ids[:, 1]) · ClipW; text_embeddings = float(ids)[..., None] · ClipW.</summary>
    private static GraphBuilder ClipGraph()
    {
        var g = new GraphBuilder(new GraphBuilderOptions { RootScope = "clip" });
        var ids = g.Cast(g.Input(FluxIo.InputIds, ElementType.Int64, new Shape("batch", 77)), ElementType.Float);
        var w = g.Constant(StandInMath.ClipW);
        g.Output(g.Mul(g.Unsqueeze(ids, 2), w), FluxIo.TextEmbeddings);
        g.Output(g.Mul(g.Slice(ids, [1], [2], [1]), w), FluxIo.PooledEmbeddings);
        return g;
    }

    /// <summary>T5: text_embeddings = float(ids)[..., None] · T5W.</summary>
    private static GraphBuilder T5Graph(int length)
    {
        var g = new GraphBuilder(new GraphBuilderOptions { RootScope = "t5" });
        var ids = g.Cast(g.Input(FluxIo.InputIds, ElementType.Int64, new Shape("batch", length)), ElementType.Float);
        g.Output(g.Mul(g.Unsqueeze(ids, 2), g.Constant(StandInMath.T5W)), FluxIo.TextEmbeddings);
        return g;
    }

    /// <summary>Transformer: the velocity of <see cref="StandInMath.Velocity"/>, term by term in the same order.</summary>
    private static GraphBuilder TransformerGraph(StandInSpec spec)
    {
        var g = new GraphBuilder(new GraphBuilderOptions { RootScope = "transformer" });
        var hs = g.Input(FluxIo.HiddenStates, ElementType.Float, new Shape("batch", "img_tokens", spec.TransformerInChannels));
        if (spec.TransformerInChannels != 64)
        {
            hs = g.Slice(hs, [0], [64], [2]); // the noisy latent; the conditioning channels after it are ignored
        }
        var ehs = g.Input(FluxIo.EncoderHiddenStates, ElementType.Float, new Shape("batch", spec.T5Length, StandInMath.T5Dim));
        var pooled = g.Input(FluxIo.PooledProjections, ElementType.Float, new Shape("batch", StandInMath.ClipDim));
        var t = g.Input(FluxIo.Timestep, ElementType.Float, new Shape("batch"));
        var imgIds = g.Input(FluxIo.ImgIds, ElementType.Float, new Shape("img_tokens", 3));
        var txtIds = g.Input(FluxIo.TxtIds, ElementType.Float, new Shape(spec.T5Length, 3));
        var v = g.Mul(hs, g.Constant(StandInMath.A));
        v = g.Add(v, g.Mul(g.Unsqueeze(t, 1, 2), g.Constant(StandInMath.Bt)));
        v = g.Add(v, g.Mul(g.Slice(ehs, [1, 0], [2, 1], [1, 2]), g.Constant(StandInMath.C)));
        v = g.Add(v, g.Mul(g.Unsqueeze(g.Slice(pooled, [0], [1], [1]), 2), g.Constant(StandInMath.Dp)));
        v = g.Add(v, g.Mul(g.Slice(imgIds, [1], [2], [1]), g.Constant(StandInMath.E)));
        v = g.Add(v, g.Slice(txtIds, [0, 0], [1, 1], [0, 1]));
        if (spec.GuidanceInput)
        {
            var guidance = g.Input(FluxIo.Guidance, ElementType.Float, new Shape("batch"));
            v = g.Add(v, g.Mul(g.Unsqueeze(guidance, 1, 2), g.Constant(StandInMath.G)));
        }
        v = g.Add(v, g.Constant(StandInMath.ChannelW()));
        g.Output(v, FluxIo.Latent);
        return g;
    }

    /// <summary>VAE decoder: images = nearest-upsample×8(latent[:, 0:3]) · 0.5.</summary>
    private static GraphBuilder DecoderGraph(int downsample)
    {
        var g = new GraphBuilder(new GraphBuilderOptions { RootScope = "vae_decoder" });
        var z = g.Input(FluxIo.Latent, ElementType.Float, new Shape("batch", 16, "height", "width"));
        var rgb = g.ResizeNearest(g.Slice(z, [0], [3], [1]), 1, 1, downsample, downsample);
        g.Output(g.Mul(rgb, g.Constant(StandInMath.DecoderScale)), FluxIo.Images);
        return g;
    }

    /// <summary>VAE encoder: latent = images[:, :, ::d, ::d] with its 3 channels repeated to 16 (shapes only matter).</summary>
    private static GraphBuilder EncoderGraph(int downsample)
    {
        var g = new GraphBuilder(new GraphBuilderOptions { RootScope = "vae_encoder" });
        var x = g.Input(FluxIo.Images, ElementType.Float, new Shape("batch", 3, "height", "width"));
        var z = g.Slice(x, [0, 0], [long.MaxValue, long.MaxValue], [2, 3], [downsample, downsample]); // [B, 3, H/d, W/d]
        g.Output(g.Concat(1, z, z, z, z, z, g.Slice(z, [0], [1], [1])), FluxIo.Latent); // [B, 16, H/d, W/d]
        return g;
    }

    private static ComponentManifest WriteGraph(string folder, string role, GraphBuilder g, (string From, string To)? rename)
    {
        Directory.CreateDirectory(Path.Combine(folder, role));
        var built = g.Build();
        var graph = built.Proto.Graph;
        var inputs = graph.Input.Select(Signature).ToArray();
        var outputs = graph.Output.Select(Signature).ToArray();
        if (rename is { } r)
        {
            foreach (var node in graph.Node)
            {
                for (var i = 0; i < node.Input.Count; i++)
                {
                    if (node.Input[i] == r.From)
                    {
                        node.Input[i] = r.To;
                    }
                }
            }
            graph.Input.Single(i => i.Name == r.From).Name = r.To;
        }
        new OnnxModelWriter().Write(built, Path.Combine(folder, role, "model.onnx"));
        return new ComponentManifest(role + "/model.onnx", null, built.Proto.IrVersion,
            built.Proto.OpsetImport.ToDictionary(o => o.Domain, o => o.Version), inputs, outputs, null);
    }

    private static TensorSignature Signature(ValueInfoProto v) => new(
        v.Name,
        (ElementType)v.Type.TensorType.ElemType,
        v.Type.TensorType.Shape.Dim.Select(d => d.HasDimParam ? d.DimParam : d.DimValue.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray());
}
