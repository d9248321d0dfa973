using System.Security.Cryptography;
using FluxOnnx.Converter.Lora;
using FluxOnnx.Converter.Safetensors;
using FluxOnnx.Converter.Tests.Conversion;
using FluxOnnx.Converter.Tests.Safetensors;
using FluxOnnx.Packaging;
using FluxOnnx.TestSupport;
using Xunit;

namespace FluxOnnx.Converter.Tests.Lora;

/// <summary>
/// Convert-time fusing, one LoRA per format written by the tests in its real key layout: the fused package's
/// transformer output on the forward fixture equals that of an ordinary package converted from weights the test
/// fused itself with plain loops (W + s·scale·B·A), within 1e-5 relative, and differs clearly from the LoRA-free output.
/// </summary>
public sealed class LoraFusingTests
{
    internal static void AssertFusedMatchesIndependentFusion(Func<int, LoraFileBuilder> layout, string format, double strength = 1)
    {
        using var dir = new TempDirectory();
        var lora = layout(7);
        var file = lora.Save(dir.File(format + "-lora.safetensors"));
        var expected = ExpectedWeights.Load(LoraPackages.Schnell);
        lora.ApplyTo(expected, strength);
        expected.Save(dir.File("expected.safetensors"));

        var fused = LoraPackages.Convert(dir.File("fused"), LoraPackages.Schnell, [new LoraSpec(file, strength)]);
        var plain = LoraPackages.Convert(dir.File("plain"), dir.File("expected.safetensors"));
        var (actual, reference) = ForwardCase.Run(fused.Path, dir.Path);
        var independent = LoraPackages.Forward(plain.Path, dir.Path);

        Assert.InRange(LoraPackages.Relative(actual, independent), 0, 1e-5);
        Assert.True(LoraPackages.Relative(independent, reference) > 1e-2, "the LoRA must move the output");
        var record = Assert.Single(fused.Manifest.Lora!.Fused);
        Assert.Equal(format, record.Format);
        Assert.Equal(strength, record.Strength);
        Assert.Empty(record.SkippedKeys);
    }

    [Fact]
    public void Kohya_fused_qkv_split_linear1_and_alpha_match_the_independent_fusion() =>
        AssertFusedMatchesIndependentFusion(LoraLayouts.Kohya, "kohya");

    [Fact]
    public void Diffusers_separate_q_k_v_and_swapped_final_modulation_match_the_independent_fusion() =>
        AssertFusedMatchesIndependentFusion(LoraLayouts.Diffusers, "diffusers");

    [Fact]
    public void XLabs_processor_loras_match_the_independent_fusion() =>
        AssertFusedMatchesIndependentFusion(LoraLayouts.XLabs, "xlabs");

    [Fact]
    public void Bfl_ComfyUI_names_in_bfloat16_match_the_independent_fusion() =>
        AssertFusedMatchesIndependentFusion(LoraLayouts.Bfl, "bfl", strength: 0.8);

    [Fact]
    public void Bfl_control_lora_with_full_tensors_and_widened_img_in_matches_the_independent_fusion()
    {
        using var dir = new TempDirectory();
        var lora = LoraLayouts.BflControl(7);
        var file = lora.Save(dir.File("flux1-canny-dev-lora.safetensors"));
        var expected = ExpectedWeights.Load(LoraPackages.Schnell);
        lora.ApplyTo(expected, 0.9);
        expected.Save(dir.File("expected.safetensors"));
        var widened = ControlInputs.WideParams(dir);

        var fused = LoraPackages.Convert(dir.File("fused"), LoraPackages.Schnell, [new LoraSpec(file, 0.9)], paramsJson: widened, variant: Variant.Canny);
        var plain = LoraPackages.Convert(dir.File("plain"), dir.File("expected.safetensors"), paramsJson: widened, variant: Variant.Canny);
        Assert.Equal("128", fused.Manifest.Components[ComponentRoles.Transformer].Inputs.Single(i => i.Name == "hidden_states").Shape[2]);
        var inputs = ControlInputs.Write(dir);
        var actual = LoraPackages.Run(fused.Path, inputs, dir.Path, 64 * 64);
        var independent = LoraPackages.Run(plain.Path, inputs, dir.Path, 64 * 64);

        Assert.InRange(LoraPackages.Relative(actual, independent), 0, 1e-5);
        Assert.Equal("bfl-control", fused.Manifest.Lora!.Fused.Single().Format);
    }

    [Fact]
    public void Two_loras_at_different_strengths_add_up()
    {
        using var dir = new TempDirectory();
        var kohya = LoraLayouts.Kohya(11);
        var xlabs = LoraLayouts.XLabs(12);
        var a = kohya.Save(dir.File("a.safetensors"));
        var b = xlabs.Save(dir.File("b.safetensors"));
        var expected = ExpectedWeights.Load(LoraPackages.Schnell);
        kohya.ApplyTo(expected, 0.7);
        xlabs.ApplyTo(expected, -0.4);
        expected.Save(dir.File("expected.safetensors"));

        var fused = LoraPackages.Convert(dir.File("fused"), LoraPackages.Schnell, [new LoraSpec(a, 0.7), new LoraSpec(b, -0.4)]);
        var plain = LoraPackages.Convert(dir.File("plain"), dir.File("expected.safetensors"));

        Assert.InRange(LoraPackages.Relative(LoraPackages.Forward(fused.Path, dir.Path), LoraPackages.Forward(plain.Path, dir.Path)), 0, 1e-5);
        Assert.Equal(["a.safetensors", "b.safetensors"], fused.Manifest.Lora!.Fused.Select(f => f.Name));
        Assert.Equal([0.7, -0.4], fused.Manifest.Lora.Fused.Select(f => f.Strength));
    }

    [Fact]
    public void Zero_strength_gives_exactly_the_package_without_lora()
    {
        using var dir = new TempDirectory();
        var file = LoraLayouts.Diffusers(3).Save(dir.File("zero.safetensors"));
        var zero = LoraPackages.Convert(dir.File("zero"), LoraPackages.Schnell, [new LoraSpec(file, 0)]);
        var none = LoraPackages.Convert(dir.File("none"), LoraPackages.Schnell);
        const string data = "transformer/model.onnx.data";
        Assert.Equal(none.Manifest.Files[data], zero.Manifest.Files[data]);
        Assert.Null(none.Manifest.Lora);
        Assert.Equal(0, zero.Manifest.Lora!.Fused.Single().Strength);
    }

    [Fact]
    public void Manifest_records_file_name_sha256_size_and_strength()
    {
        using var dir = new TempDirectory();
        var file = LoraLayouts.Bfl(5).Save(dir.File("style.safetensors"));
        var fused = LoraPackages.Convert(dir.File("fused"), LoraPackages.Schnell, [new LoraSpec(file, 0.55)]);
        var record = fused.Manifest.Lora!.Fused.Single();
        Assert.Equal("style.safetensors", record.Name);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file))), record.Sha256);
        Assert.Equal(new FileInfo(file).Length, record.Bytes);
        Assert.Equal(0.55, record.Strength);
        Assert.Equal(0, fused.Manifest.Lora.SlotRank);
        var reread = PackageManifestJson.Parse(File.ReadAllText(Path.Combine(fused.Path, PackageManifest.FileName)), fused.Path);
        Assert.Equal(record.Sha256, reread.Lora!.Fused.Single().Sha256);
    }

    [Fact]
    public void Lora_for_another_model_size_is_refused_naming_the_tensor_and_both_shapes()
    {
        using var dir = new TempDirectory();
        var b = new LoraFileBuilder(9);
        // Trained on a model of hidden 256: down [4, 256], up [768, 4] for the fused qkv.
        b.Pair("lora_unet_double_blocks_0_img_attn_qkv.lora_down.weight", "lora_unet_double_blocks_0_img_attn_qkv.lora_up.weight", 4, 256, 768);
        var file = b.Save(dir.File("big.safetensors"));
        var e = Assert.Throws<LoraShapeException>(() => LoraPackages.Convert(dir.File("p"), LoraPackages.Schnell, [new LoraSpec(file)]));
        Assert.Equal("lora_unet_double_blocks_0_img_attn_qkv.lora_down.weight", e.TensorName);
        Assert.Equal("double_blocks.0.img_attn.qkv.weight", e.Target);
        Assert.Equal([4L, 128], e.Expected);
        Assert.Equal([4L, 256], e.Actual);
        Assert.Contains("[4, 256]", e.Message);
        Assert.Contains("[4, 128]", e.Message);
        Assert.False(Directory.Exists(dir.File("p")));
    }

    [Fact]
    public void Lora_up_with_the_wrong_rows_is_refused_with_both_shapes()
    {
        using var dir = new TempDirectory();
        var b = new LoraFileBuilder(9);
        b.Pair("transformer.transformer_blocks.0.attn.to_q.lora_A.weight", "transformer.transformer_blocks.0.attn.to_q.lora_B.weight", 4, 128, 256);
        var file = b.Save(dir.File("rows.safetensors"));
        var e = Assert.Throws<LoraShapeException>(() => LoraPackages.Convert(dir.File("p"), LoraPackages.Schnell, [new LoraSpec(file)]));
        Assert.Equal("transformer.transformer_blocks.0.attn.to_q.lora_B.weight", e.TensorName);
        Assert.Equal([128L, 4], e.Expected);
        Assert.Equal([256L, 4], e.Actual);
    }

    [Fact]
    public void Truncated_file_is_refused_with_a_typed_error_naming_the_file()
    {
        using var dir = new TempDirectory();
        var file = LoraLayouts.Kohya(1).Save(dir.File("cut.safetensors"));
        var bytes = File.ReadAllBytes(file);
        File.WriteAllBytes(file, bytes[..(bytes.Length - 100)]);
        var e = Assert.Throws<LoraFileException>(() => LoraPackages.Convert(dir.File("p"), LoraPackages.Schnell, [new LoraSpec(file)]));
        Assert.Equal(Path.GetFullPath(file), e.FilePath);
        Assert.Equal("Loras", e.Field);
        Assert.IsType<SafetensorsFormatException>(e.InnerException);
        Assert.False(Directory.Exists(dir.File("p")));
    }

    [Fact]
    public void Unmatched_keys_are_refused_by_name()
    {
        using var dir = new TempDirectory();
        var b = LoraLayouts.Kohya(1);
        b.Pair("lora_unet_double_blocks_7_img_attn_qkv.lora_down.weight", "lora_unet_double_blocks_7_img_attn_qkv.lora_up.weight", 4, 128, 384);
        b.Scalar("lora_unet_double_blocks_0_img_attn_qkv.dora_scale", 1);
        var file = b.Save(dir.File("deep.safetensors"));
        var e = Assert.Throws<LoraUnusedKeysException>(() => LoraPackages.Convert(dir.File("p"), LoraPackages.Schnell, [new LoraSpec(file)]));
        Assert.Equal(
            ["lora_unet_double_blocks_0_img_attn_qkv.dora_scale", "lora_unet_double_blocks_7_img_attn_qkv.lora_down.weight", "lora_unet_double_blocks_7_img_attn_qkv.lora_up.weight"],
            e.Keys);
        Assert.Equal("LoraAllowUnused", e.AllowField);
    }

    [Fact]
    public void Unmatched_keys_are_skipped_and_recorded_when_allowed()
    {
        using var dir = new TempDirectory();
        var b = LoraLayouts.Kohya(1);
        b.Pair("lora_unet_double_blocks_7_img_attn_qkv.lora_down.weight", "lora_unet_double_blocks_7_img_attn_qkv.lora_up.weight", 4, 128, 384);
        var file = b.Save(dir.File("deep.safetensors"));
        var clean = LoraLayouts.Kohya(1).Save(dir.File("clean.safetensors"));
        var skipped = LoraPackages.Convert(dir.File("p"), LoraPackages.Schnell, [new LoraSpec(file)], allowUnused: true);
        var reference = LoraPackages.Convert(dir.File("q"), LoraPackages.Schnell, [new LoraSpec(clean)]);
        Assert.Equal(["lora_unet_double_blocks_7_img_attn_qkv.lora_down.weight", "lora_unet_double_blocks_7_img_attn_qkv.lora_up.weight"],
            skipped.Manifest.Lora!.Fused.Single().SkippedKeys);
        const string data = "transformer/model.onnx.data";
        Assert.Equal(reference.Manifest.Files[data], skipped.Manifest.Files[data]);
    }

    [Fact]
    public void A_file_of_no_known_layout_is_refused()
    {
        using var dir = new TempDirectory();
        var b = new LoraFileBuilder(1);
        b.Pair("unet.down_blocks.0.attn.lora_down.weight", "unet.down_blocks.0.attn.lora_up.weight", 2, 8, 8);
        var file = b.Save(dir.File("sdxl.safetensors"));
        var e = Assert.Throws<LoraFileException>(() => LoraPackages.Convert(dir.File("p"), LoraPackages.Schnell, [new LoraSpec(file)]));
        Assert.Contains("unet.down_blocks.0.attn.lora_down.weight", e.Message);
    }

    [Fact]
    public void Text_encoder_keys_without_the_text_encoder_being_converted_are_unmatched()
    {
        using var dir = new TempDirectory();
        var b = LoraLayouts.Kohya(1);
        b.Pair("lora_te1_text_model_encoder_layers_0_self_attn_q_proj.lora_down.weight", "lora_te1_text_model_encoder_layers_0_self_attn_q_proj.lora_up.weight", 2, 64, 64);
        var file = b.Save(dir.File("te.safetensors"));
        var e = Assert.Throws<LoraUnusedKeysException>(() => LoraPackages.Convert(dir.File("p"), LoraPackages.Schnell, [new LoraSpec(file)]));
        Assert.All(e.Keys, k => Assert.StartsWith("lora_te1_", k));
    }
}
