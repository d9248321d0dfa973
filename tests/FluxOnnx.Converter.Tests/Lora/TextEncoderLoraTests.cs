using System.Runtime.InteropServices;
using FluxOnnx.Converter.Checkpoints;
using FluxOnnx.Converter.Conversion;
using FluxOnnx.Converter.Lora;
using FluxOnnx.Converter.Tests.Safetensors;
using FluxOnnx.Graphs.Building;
using FluxOnnx.Lora;
using FluxOnnx.TestSupport;
using Xunit;

namespace FluxOnnx.Converter.Tests.Lora;

/// <summary>
/// Text-encoder keys of FLUX LoRAs (kohya <c>lora_te1_</c> = CLIP, <c>lora_te2_</c> = T5; diffusers
/// <c>text_encoder.</c> / <c>text_encoder_2.</c>; ComfyUI <c>text_encoders.clip_l.transformer.</c>): fused into the
/// encoders' HF-named weights, compared tensor by tensor with the tests' own plain-loop fusion.
/// </summary>
public sealed class TextEncoderLoraTests
{
    private static string ClipFile => Path.Combine(SharedPaths.Models, "clip", "model.safetensors");
    private static string T5File => Path.Combine(SharedPaths.Models, "t5", "model.safetensors");

    private static float[] ReadFused(IQuantizedWeightSource source, string name)
    {
        var tensor = source.Open(name, ElementType.Float)!;
        var bytes = new byte[tensor.ByteLength];
        using (var ms = new MemoryStream(bytes))
        {
            tensor.WriteTo(ms, CancellationToken.None);
        }
        return MemoryMarshal.Cast<byte, float>(bytes.AsSpan()).ToArray();
    }

    [Fact]
    public void Kohya_and_diffusers_text_encoder_keys_fuse_into_clip_and_t5()
    {
        using var dir = new TempDirectory();
        var clipWeights = ExpectedWeights.Load(ClipFile);
        var t5Weights = ExpectedWeights.Load(T5File);
        var q = clipWeights.Shape("text_model.encoder.layers.0.self_attn.q_proj.weight");
        var fc1 = clipWeights.Shape("text_model.encoder.layers.1.mlp.fc1.weight");
        var t5q = t5Weights.Shape("encoder.block.0.layer.0.SelfAttention.q.weight");

        var kohya = new LoraFileBuilder(21);
        var p1 = kohya.Pair("lora_te1_text_model_encoder_layers_0_self_attn_q_proj.lora_down.weight", "lora_te1_text_model_encoder_layers_0_self_attn_q_proj.lora_up.weight", 4, q[1], q[0]);
        kohya.Scalar("lora_te1_text_model_encoder_layers_0_self_attn_q_proj.alpha", 2);
        var p2 = kohya.Pair("lora_te1_text_model_encoder_layers_1_mlp_fc1.lora_down.weight", "lora_te1_text_model_encoder_layers_1_mlp_fc1.lora_up.weight", 2, fc1[1], fc1[0]);
        var p3 = kohya.Pair("lora_te2_encoder_block_0_layer_0_SelfAttention_q.lora_down.weight", "lora_te2_encoder_block_0_layer_0_SelfAttention_q.lora_up.weight", 4, t5q[1], t5q[0]);
        kohya.Scalar("lora_te2_encoder_block_0_layer_0_SelfAttention_q.alpha", 8);
        var kohyaFile = kohya.Save(dir.File("kohya-te.safetensors"));

        var diffusers = new LoraFileBuilder(22);
        var p4 = diffusers.Pair("text_encoder.text_model.encoder.layers.0.self_attn.q_proj.lora_A.weight", "text_encoder.text_model.encoder.layers.0.self_attn.q_proj.lora_B.weight", 2, q[1], q[0]);
        var diffusersFile = diffusers.Save(dir.File("diffusers-te.safetensors"));

        clipWeights.AddLowRank("text_model.encoder.layers.0.self_attn.q_proj.weight", 0, p1.Up, 0, q[0], 4, p1.Down, 0.6 * 2 / 4.0);
        clipWeights.AddLowRank("text_model.encoder.layers.0.self_attn.q_proj.weight", 0, p4.Up, 0, q[0], 2, p4.Down, 1.5);
        clipWeights.AddLowRank("text_model.encoder.layers.1.mlp.fc1.weight", 0, p2.Up, 0, fc1[0], 2, p2.Down, 0.6);
        t5Weights.AddLowRank("encoder.block.0.layer.0.SelfAttention.q.weight", 0, p3.Up, 0, t5q[0], 4, p3.Down, 0.6 * 8 / 4.0);

        using var clipCheckpoint = Checkpoint.Open(Path.Combine(SharedPaths.Models, "clip"));
        using var t5Checkpoint = Checkpoint.Open(Path.Combine(SharedPaths.Models, "t5"));
        var clip = clipCheckpoint.OpenComponent(ComponentKind.Clip);
        var t5 = t5Checkpoint.OpenComponent(ComponentKind.T5);
        using var set = LoraSet.Open([new LoraSpec(kohyaFile, 0.6), new LoraSpec(diffusersFile, 1.5)], LoraSet.TargetsOf(null, clip, t5), allowUnused: false);
        var fusedClip = set.Wrap(clip, LoraComponent.Clip);
        var fusedT5 = set.Wrap(t5, LoraComponent.T5);

        foreach (var name in new[] { "text_model.encoder.layers.0.self_attn.q_proj.weight", "text_model.encoder.layers.1.mlp.fc1.weight", "text_model.encoder.layers.0.self_attn.k_proj.weight" })
        {
            Assert.InRange(LoraPackages.Relative(ReadFused(fusedClip, name), clipWeights.Data(name)), 0, 1e-6);
        }
        Assert.InRange(LoraPackages.Relative(ReadFused(fusedT5, "encoder.block.0.layer.0.SelfAttention.q.weight"), t5Weights.Data("encoder.block.0.layer.0.SelfAttention.q.weight")), 0, 1e-6);
        Assert.NotSame(clip, fusedClip);
    }

    [Fact]
    public void A_conversion_with_clip_applies_its_lora_keys_and_records_the_file()
    {
        using var dir = new TempDirectory();
        var q = ExpectedWeights.Load(ClipFile).Shape("text_model.encoder.layers.0.self_attn.q_proj.weight");
        var comfy = new LoraFileBuilder(23);
        comfy.Pair("text_encoders.clip_l.transformer.text_model.encoder.layers.0.self_attn.q_proj.lora_down.weight",
            "text_encoders.clip_l.transformer.text_model.encoder.layers.0.self_attn.q_proj.lora_up.weight", 2, q[1], q[0]);
        var file = comfy.Save(dir.File("comfy-clip.safetensors"));
        var clip = Path.Combine(SharedPaths.Models, "clip");
        var with = PackageConverter.Convert(new ConvertRequest(dir.File("a"), Clip: clip, Loras: [new LoraSpec(file)]));
        var without = PackageConverter.Convert(new ConvertRequest(dir.File("b"), Clip: clip));
        const string data = "text_encoder/model.onnx.data";
        Assert.NotEqual(without.Files[data], with.Files[data]);
        Assert.Equal("bfl", with.Lora!.Fused.Single().Format);
    }
}
