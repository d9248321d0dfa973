using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using FluxOnnx.Converter.Safetensors;
using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Models.Autoencoder;
using FluxOnnx.Graphs.Models.Clip;
using FluxOnnx.Graphs.Models.Flux;
using FluxOnnx.Graphs.Models.T5;
using FluxOnnx.Graphs.Models.TextEncoders;
using FluxOnnx.Graphs.Weights;
using FluxOnnx.Converter.Numerics;
using FluxOnnx.Tokenizers.Clip;
using FluxOnnx.Tokenizers.T5;

namespace FluxOnnx.Tools.BuiltIn;

/// <summary>
/// Writes the built-in model's source checkpoints in the formats users have — a BFL transformer file (bf16) with
/// its params JSON, HF T5 and CLIP folders with config.json, a BFL ae file with its params JSON — plus generated
/// tokenizer folders. The tensor list of each comes from the graph code itself (a shape-only build records every
/// weight it asks for), so the checkpoints always match what the converter expects.
/// </summary>
internal static class TinyCheckpointWriter
{
    public static void Write(string folder) =>
        Write(folder, TinyModelSpec.Transformer, TinyModelSpec.T5, TinyModelSpec.Clip, TinyModelSpec.Ae);

    /// <summary>The same files for any configuration (see <see cref="SyntheticCheckpoints"/>).</summary>
    internal static void Write(string folder, FluxConfig transformer, T5EncoderConfig t5Config, ClipTextConfig clipConfig,
        AutoencoderConfig ae)
    {
        Directory.CreateDirectory(folder);
        var flux = Requested((g, w) => FluxTransformerGraph.Build(g, w, transformer));
        WriteSafetensors(Path.Combine(folder, "flux.safetensors"), flux, ElementType.BFloat16);
        WriteJson(Path.Combine(folder, "flux_params.json"), FluxParams(transformer));

        var t5Folder = Directory.CreateDirectory(Path.Combine(folder, "t5")).FullName;
        var t5 = Requested((g, w) => T5EncoderGraph.Build(g, w, t5Config, 8, TextEncoderGraphOptions.Default));
        WriteSafetensors(Path.Combine(t5Folder, "model.safetensors"), t5, ElementType.Float);
        WriteJson(Path.Combine(t5Folder, "config.json"), T5Config(t5Config));

        var clipFolder = Directory.CreateDirectory(Path.Combine(folder, "clip")).FullName;
        var clip = Requested((g, w) => ClipTextGraph.Build(g, w, clipConfig, TextEncoderGraphOptions.Default));
        WriteSafetensors(Path.Combine(clipFolder, "model.safetensors"), clip, ElementType.Float);
        WriteJson(Path.Combine(clipFolder, "config.json"), ClipConfig(clipConfig));

        var encoder = Requested((g, w) => AutoencoderGraphs.BuildEncoder(g, w, ae));
        var decoder = Requested((g, w) => AutoencoderGraphs.BuildDecoder(g, w, ae));
        WriteSafetensors(Path.Combine(folder, "ae.safetensors"), encoder.Concat(decoder).ToDictionary(), ElementType.Float);
        WriteJson(Path.Combine(folder, "ae_params.json"), AeParams(ae));

        // Tokenizers stay the tiny generated ones: their ids are below any vocabulary size, which is all the graphs need.
        TinyClipTokenizerFiles.Write(Path.Combine(folder, "tokenizer"), TinyModelSpec.ClipVocabulary);
        TinyT5TokenizerFiles.Write(Path.Combine(folder, "tokenizer_2"));
    }

    /// <summary>Builds a graph without weights and returns every weight it asked for, with its stored shape.</summary>
    private static IReadOnlyDictionary<string, IReadOnlyList<long>> Requested(Action<GraphBuilder, WeightScope> build)
    {
        var g = new GraphBuilder();
        var registry = WeightRegistry.ShapeOnly(g);
        build(g, registry.Root);
        return registry.Requested.ToDictionary();
    }

    private static void WriteSafetensors(string path, IReadOnlyDictionary<string, IReadOnlyList<long>> tensors, ElementType dtype)
    {
        var metadata = new Dictionary<string, string>
        {
            ["producer"] = "FluxOnnx built-in model " + TinyModelSpec.Version,
            ["seed"] = TinyModelSpec.Seed.ToString(CultureInfo.InvariantCulture),
            ["note"] = "random weights: images are noise",
        };
        using var writer = SafetensorsWriter.Create(path,
            tensors.Select(t => new SafetensorsTensorDeclaration(t.Key, dtype, t.Value.ToArray())), metadata);
        foreach (var declaration in writer.WriteOrder)
        {
            var values = SyntheticWeights.For(declaration.Name, tensors[declaration.Name], TinyModelSpec.Seed);
            if (dtype == ElementType.BFloat16)
            {
                var bits = new ushort[values.Length];
                BFloat16Conversion.FromSingle(values, bits);
                writer.WriteTensor(declaration.Name, MemoryMarshal.AsBytes(bits.AsSpan()));
            }
            else
            {
                writer.WriteTensor(declaration.Name, MemoryMarshal.AsBytes(values.AsSpan()));
            }
        }
        writer.Complete();
    }

    private static void WriteJson(string path, object value) =>
        File.WriteAllText(path, JsonSerializer.Serialize(value, new JsonSerializerOptions { WriteIndented = true }) + "\n");

    // BFL FluxParams / AutoEncoderParams field names (flux src/flux/model.py, modules/autoencoder.py).
    private static Dictionary<string, object> FluxParams(FluxConfig c) => new()
    {
        ["in_channels"] = c.InChannels, ["out_channels"] = c.OutChannels, ["vec_in_dim"] = c.VecInDim,
        ["context_in_dim"] = c.ContextInDim, ["hidden_size"] = c.HiddenSize, ["mlp_ratio"] = c.MlpRatio,
        ["num_heads"] = c.NumHeads, ["depth"] = c.Depth, ["depth_single_blocks"] = c.DepthSingleBlocks,
        ["axes_dim"] = c.AxesDim, ["theta"] = c.Theta, ["qkv_bias"] = c.QkvBias, ["guidance_embed"] = c.GuidanceEmbed,
    };

    private static Dictionary<string, object> AeParams(AutoencoderConfig c) => new()
    {
        ["resolution"] = c.Resolution, ["in_channels"] = c.InChannels, ["ch"] = c.Ch, ["out_ch"] = c.OutCh,
        ["ch_mult"] = c.ChMult, ["num_res_blocks"] = c.NumResBlocks, ["z_channels"] = c.ZChannels,
        ["scale_factor"] = c.ScaleFactor, ["shift_factor"] = c.ShiftFactor,
    };

    // HF transformers T5Config / CLIPTextConfig keys.
    private static Dictionary<string, object> T5Config(T5EncoderConfig c) => new()
    {
        ["architectures"] = new[] { "T5EncoderModel" }, ["model_type"] = "t5", ["feed_forward_proj"] = "gated-gelu",
        ["vocab_size"] = c.VocabSize, ["d_model"] = c.DModel, ["d_kv"] = c.DKv, ["d_ff"] = c.DFf, ["num_heads"] = c.NumHeads,
        ["num_layers"] = c.NumLayers, ["relative_attention_num_buckets"] = c.RelativeAttentionNumBuckets,
        ["relative_attention_max_distance"] = c.RelativeAttentionMaxDistance, ["layer_norm_epsilon"] = c.LayerNormEpsilon,
    };

    private static Dictionary<string, object> ClipConfig(ClipTextConfig c) => new()
    {
        ["architectures"] = new[] { "CLIPTextModel" }, ["model_type"] = "clip_text_model", ["hidden_act"] = "quick_gelu",
        ["vocab_size"] = c.VocabSize, ["hidden_size"] = c.HiddenSize, ["intermediate_size"] = c.IntermediateSize,
        ["num_attention_heads"] = c.NumAttentionHeads, ["num_hidden_layers"] = c.NumHiddenLayers,
        ["max_position_embeddings"] = c.MaxPositionEmbeddings, ["layer_norm_eps"] = c.LayerNormEps, ["eos_token_id"] = c.EosTokenId,
    };
}
