using System.Text;
using System.Text.Json;
using FluxOnnx.Converter.Numerics;
using FluxOnnx.TestSupport;

namespace FluxOnnx.Converter.Tests.Formats;

/// <summary>
/// Re-lays the shared BFL / HF fixture weights in the other checkpoint layouts, written independently of the
/// recipes under test and in the direction the real converters go (BFL → diffusers as in diffusers'
/// <c>convert_flux_transformer_checkpoint_to_diffusers</c>, quantization as ComfyUI stores it).
/// </summary>
internal static class FixtureRelayout
{
    public static string Schnell => Path.Combine(SharedPaths.Models, "flux-tiny-schnell", "flux.safetensors");
    public static string Fill => Path.Combine(SharedPaths.Models, "flux-tiny-fill", "flux.safetensors");
    public static string Ae => Path.Combine(SharedPaths.Models, "ae.safetensors");
    public static string T5 => Path.Combine(SharedPaths.Models, "t5", "model.safetensors");
    public static string Clip => Path.Combine(SharedPaths.Models, "clip", "model.safetensors");

    private static readonly (string Bfl, string Diffusers)[] GlobalModules =
    [
        ("img_in", "x_embedder"), ("txt_in", "context_embedder"),
        ("time_in.in_layer", "time_text_embed.timestep_embedder.linear_1"), ("time_in.out_layer", "time_text_embed.timestep_embedder.linear_2"),
        ("vector_in.in_layer", "time_text_embed.text_embedder.linear_1"), ("vector_in.out_layer", "time_text_embed.text_embedder.linear_2"),
        ("guidance_in.in_layer", "time_text_embed.guidance_embedder.linear_1"), ("guidance_in.out_layer", "time_text_embed.guidance_embedder.linear_2"),
        ("final_layer.linear", "proj_out"),
    ];

    private static readonly (string Bfl, string Diffusers)[] DoubleRenames =
    [
        ("img_mod.lin.", "norm1.linear."), ("txt_mod.lin.", "norm1_context.linear."),
        ("img_attn.proj.", "attn.to_out.0."), ("txt_attn.proj.", "attn.to_add_out."),
        ("img_attn.norm.query_norm.scale", "attn.norm_q.weight"), ("img_attn.norm.key_norm.scale", "attn.norm_k.weight"),
        ("txt_attn.norm.query_norm.scale", "attn.norm_added_q.weight"), ("txt_attn.norm.key_norm.scale", "attn.norm_added_k.weight"),
        ("img_mlp.0.", "ff.net.0.proj."), ("img_mlp.2.", "ff.net.2."), ("txt_mlp.0.", "ff_context.net.0.proj."), ("txt_mlp.2.", "ff_context.net.2."),
    ];

    private static readonly (string Bfl, string Diffusers)[] SingleRenames =
    [
        ("linear2.", "proj_out."), ("modulation.lin.", "norm.linear."),
        ("norm.query_norm.scale", "attn.norm_q.weight"), ("norm.key_norm.scale", "attn.norm_k.weight"),
    ];

    /// <summary>BFL transformer tensors → diffusers names: split q/k/v (and mlp), swap the final modulation halves.</summary>
    public static List<RawTensor> ToDiffusersTransformer(IReadOnlyList<RawTensor> bfl)
    {
        long hidden = bfl.Single(t => t.Name == "img_in.weight").Shape[0];
        var output = new List<RawTensor>();
        foreach (var t in bfl)
        {
            string[] parts = t.Name.Split('.');
            string leaf = parts[^1];
            if (t.Name.StartsWith("final_layer.adaLN_modulation.1.", StringComparison.Ordinal))
            {
                long half = t.Rows / 2;
                var shift = t.SliceRows("", 0, half);
                var scale = t.SliceRows("", half, half);
                output.Add(t with { Name = "norm_out.linear." + leaf, Bytes = [.. scale.Bytes, .. shift.Bytes] });
            }
            else if (parts[0] == "double_blocks")
            {
                string scope = $"transformer_blocks.{parts[1]}.";
                string rest = string.Join('.', parts[2..]);
                if (rest.StartsWith("img_attn.qkv.", StringComparison.Ordinal) || rest.StartsWith("txt_attn.qkv.", StringComparison.Ordinal))
                {
                    string[] names = rest.StartsWith("img", StringComparison.Ordinal) ? ["attn.to_q", "attn.to_k", "attn.to_v"] : ["attn.add_q_proj", "attn.add_k_proj", "attn.add_v_proj"];
                    for (int i = 0; i < 3; i++)
                    {
                        output.Add(t.SliceRows($"{scope}{names[i]}.{leaf}", i * hidden, hidden));
                    }
                }
                else
                {
                    output.Add(t.Renamed(scope + Rename(rest, DoubleRenames)));
                }
            }
            else if (parts[0] == "single_blocks")
            {
                string scope = $"single_transformer_blocks.{parts[1]}.";
                string rest = string.Join('.', parts[2..]);
                if (rest.StartsWith("linear1.", StringComparison.Ordinal))
                {
                    string[] names = ["attn.to_q", "attn.to_k", "attn.to_v"];
                    for (int i = 0; i < 3; i++)
                    {
                        output.Add(t.SliceRows($"{scope}{names[i]}.{leaf}", i * hidden, hidden));
                    }
                    output.Add(t.SliceRows($"{scope}proj_mlp.{leaf}", 3 * hidden, t.Rows - 3 * hidden));
                }
                else
                {
                    output.Add(t.Renamed(scope + Rename(rest, SingleRenames)));
                }
            }
            else
            {
                var module = GlobalModules.Single(m => t.Name == m.Bfl + "." + leaf);
                output.Add(t.Renamed(module.Diffusers + "." + leaf));
            }
        }
        return output;
    }

    /// <summary>BFL autoencoder tensors → diffusers AutoencoderKL names (up blocks reversed, attention 1x1 convs as Linear).</summary>
    public static List<RawTensor> ToDiffusersVae(IReadOnlyList<RawTensor> bfl)
    {
        int ups = bfl.Where(t => t.Name.StartsWith("decoder.up.", StringComparison.Ordinal)).Select(t => int.Parse(t.Name.Split('.')[2])).Max() + 1;
        var output = new List<RawTensor>();
        foreach (var t in bfl)
        {
            string[] p = t.Name.Split('.');
            string name = (p[1], p[2]) switch
            {
                ("down", _) when p[3] == "downsample" => $"{p[0]}.down_blocks.{p[2]}.downsamplers.0.conv.{p[^1]}",
                ("down", _) => $"{p[0]}.down_blocks.{p[2]}.resnets.{p[4]}.{string.Join('.', p[5..])}",
                ("up", _) when p[3] == "upsample" => $"{p[0]}.up_blocks.{ups - 1 - int.Parse(p[2])}.upsamplers.0.conv.{p[^1]}",
                ("up", _) => $"{p[0]}.up_blocks.{ups - 1 - int.Parse(p[2])}.resnets.{p[4]}.{string.Join('.', p[5..])}",
                ("mid", "block_1") => $"{p[0]}.mid_block.resnets.0.{string.Join('.', p[3..])}",
                ("mid", "block_2") => $"{p[0]}.mid_block.resnets.1.{string.Join('.', p[3..])}",
                ("mid", "attn_1") => $"{p[0]}.mid_block.attentions.0.{p[3] switch { "norm" => "group_norm", "q" => "to_q", "k" => "to_k", "v" => "to_v", _ => "to_out.0" }}.{p[^1]}",
                ("norm_out", _) => $"{p[0]}.conv_norm_out.{p[^1]}",
                _ => t.Name,
            };
            name = name.Replace(".nin_shortcut.", ".conv_shortcut.", StringComparison.Ordinal);
            bool linear = p[1] == "mid" && p[2] == "attn_1" && p[^1] == "weight" && t.Shape.Length == 4;
            output.Add(t with { Name = name, Shape = linear ? t.Shape[..2] : t.Shape });
        }
        return output;
    }

    public static void WriteDiffusersConfig(string folder, string className) =>
        File.WriteAllText(Path.Combine(folder, "config.json"), JsonSerializer.Serialize(new Dictionary<string, object> { ["_class_name"] = className }));

    /// <summary>Writes <paramref name="tensors"/> as two shards plus a HF <c>*.safetensors.index.json</c>.</summary>
    public static void SaveSharded(string folder, string stem, IReadOnlyList<RawTensor> tensors)
    {
        var first = tensors.Where((_, i) => i % 2 == 0).ToList();
        var second = tensors.Where((_, i) => i % 2 == 1).ToList();
        string a = $"{stem}-00001-of-00002.safetensors", b = $"{stem}-00002-of-00002.safetensors";
        RawTensor.Save(Path.Combine(folder, a), first);
        RawTensor.Save(Path.Combine(folder, b), second);
        var map = first.ToDictionary(t => t.Name, _ => a);
        foreach (var t in second)
        {
            map[t.Name] = b;
        }
        File.WriteAllText(Path.Combine(folder, $"{stem}.safetensors.index.json"),
            JsonSerializer.Serialize(new { metadata = new { total_size = tensors.Sum(t => t.Bytes.Length) }, weight_map = map }));
    }

    /// <summary>True for the weights ComfyUI's fp8 files quantize: 2-D Linear weights outside the embedders and final layer.</summary>
    public static bool IsQuantized(RawTensor t) =>
        t.Shape.Length == 2 && t.Name.EndsWith(".weight", StringComparison.Ordinal)
        && !new[] { "img_in.", "txt_in.", "time_in.", "vector_in.", "guidance_in.", "final_layer." }.Any(p => t.Name.StartsWith(p, StringComparison.Ordinal));

    /// <summary>
    /// Quantizes a weight to fp8 e4m3fn: scale = absmax / 448 per tensor or per row, payload = fp8(w / scale).
    /// Returns the payload tensor (same name) and the scales.
    /// </summary>
    public static (RawTensor Payload, float[] Scale) QuantizeE4M3(RawTensor t, bool perChannel)
    {
        float[] w = t.ToFloats();
        long rowLength = w.Length / t.Rows;
        int groups = perChannel ? (int)t.Rows : 1;
        var scale = new float[groups];
        for (int g = 0; g < groups; g++)
        {
            long length = perChannel ? rowLength : w.Length;
            float max = 0;
            for (long i = g * length; i < (g + 1) * length; i++)
            {
                max = Math.Max(max, Math.Abs(w[i]));
            }
            scale[g] = max == 0 ? 1 : max / 448f;
        }
        var payload = new byte[w.Length];
        for (long i = 0; i < w.Length; i++)
        {
            payload[i] = Float8Format.E4M3FN.Encode(w[i] / scale[perChannel ? i / rowLength : 0]);
        }
        return (new RawTensor(t.Name, ElementType.Float8E4M3FN, t.Shape, payload), scale);
    }

    /// <summary>A ComfyUI legacy scaled-fp8 file: <c>scaled_fp8</c> marker, per-tensor <c>scale_weight</c>, some <c>scale_input</c>.</summary>
    public static List<RawTensor> ToLegacyScaledFp8(IReadOnlyList<RawTensor> bfl, string prefix)
    {
        var output = new List<RawTensor> { new(prefix + "scaled_fp8", ElementType.Float8E4M3FN, [0], []) };
        foreach (var t in bfl)
        {
            if (!IsQuantized(t))
            {
                output.Add(t.Renamed(prefix + t.Name));
                continue;
            }
            var (payload, scale) = QuantizeE4M3(t, perChannel: false);
            string layer = prefix + t.Name[..^".weight".Length];
            output.Add(payload.Renamed(prefix + t.Name));
            output.Add(RawTensor.Floats(layer + ".scale_weight", [], scale));
            output.Add(RawTensor.Floats(layer + ".scale_input", [], [1f]));
        }
        return output;
    }

    /// <summary>
    /// A ComfyUI current-form file: per-row <c>weight_scale</c>, scalar <c>input_scale</c>, and either a
    /// <c>comfy_quant</c> JSON tensor per layer or (<paramref name="headerMetadata"/>) the header's <c>_quantization_metadata</c>.
    /// </summary>
    public static (List<RawTensor> Tensors, Dictionary<string, string> Metadata) ToComfyQuant(IReadOnlyList<RawTensor> bfl, string prefix, bool headerMetadata, string format = "float8_e4m3fn")
    {
        var output = new List<RawTensor>();
        var layers = new Dictionary<string, object>();
        foreach (var t in bfl)
        {
            if (!IsQuantized(t))
            {
                output.Add(t.Renamed(prefix + t.Name));
                continue;
            }
            var (payload, scale) = QuantizeE4M3(t, perChannel: true);
            string layer = prefix + t.Name[..^".weight".Length];
            output.Add(payload.Renamed(prefix + t.Name));
            output.Add(RawTensor.Floats(layer + ".weight_scale", [t.Rows], scale));
            output.Add(RawTensor.Floats(layer + ".input_scale", [], [0.5f]));
            layers[layer] = new Dictionary<string, string> { ["format"] = format };
            if (!headerMetadata)
            {
                byte[] json = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(layers[layer]));
                output.Add(new RawTensor(layer + ".comfy_quant", ElementType.UInt8, [json.Length], json));
            }
        }
        var metadata = new Dictionary<string, string>();
        if (headerMetadata)
        {
            metadata["_quantization_metadata"] = JsonSerializer.Serialize(new Dictionary<string, object> { ["format_version"] = "1.0", ["layers"] = layers });
        }
        return (output, metadata);
    }

    private static string Rename(string rest, (string Bfl, string Diffusers)[] table)
    {
        foreach (var (bfl, diffusers) in table)
        {
            if (rest.StartsWith(bfl, StringComparison.Ordinal))
            {
                return diffusers + rest[bfl.Length..];
            }
        }
        throw new InvalidOperationException("no diffusers name for " + rest);
    }
}
