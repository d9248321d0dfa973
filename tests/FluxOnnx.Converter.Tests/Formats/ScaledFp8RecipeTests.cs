using FluxOnnx.TestSupport;
using FluxOnnx.Converter.Checkpoints;
using FluxOnnx.Graphs.Building;
using FluxOnnx.Converter.Numerics;
using Xunit;

namespace FluxOnnx.Converter.Tests.Formats;

/// <summary>ComfyUI scaled-fp8 transformers, legacy and current form: dequantized on the fly, and raw access.</summary>
public sealed class ScaledFp8RecipeTests
{
    public enum Form { Legacy, ComfyQuantTensors, HeaderMetadata }

    private static (TempDirectory Dir, string File, List<RawTensor> Stored) Write(Form form, string prefix)
    {
        var bfl = RawTensor.Load(FixtureRelayout.Schnell);
        var dir = new TempDirectory();
        string file = dir.File("flux1-schnell-fp8-scaled.safetensors");
        List<RawTensor> stored;
        if (form == Form.Legacy)
        {
            stored = FixtureRelayout.ToLegacyScaledFp8(bfl, prefix);
            RawTensor.Save(file, stored);
        }
        else
        {
            (stored, var metadata) = FixtureRelayout.ToComfyQuant(bfl, prefix, headerMetadata: form == Form.HeaderMetadata);
            RawTensor.Save(file, stored, metadata);
        }
        return (dir, file, stored);
    }

    [Theory]
    [InlineData(Form.Legacy, "")]
    [InlineData(Form.Legacy, "model.diffusion_model.")]
    [InlineData(Form.ComfyQuantTensors, "")]
    [InlineData(Form.ComfyQuantTensors, "model.diffusion_model.")]
    [InlineData(Form.HeaderMetadata, "")]
    public void Every_weight_is_exactly_fp8_times_scale_and_within_fp8_error_of_the_original(Form form, string prefix)
    {
        var bfl = RawTensor.Load(FixtureRelayout.Schnell);
        var (dir, file, stored) = Write(form, prefix);
        using var _ = dir;
        using var checkpoint = Checkpoint.Open(file);
        var weights = checkpoint.OpenComponent(ComponentKind.Transformer);

        Assert.Equal(CheckpointFormat.ComfyUiFp8Scaled, weights.Format);
        Assert.Equal("comfyui-fp8-scaled", weights.FormatName);
        Assert.Equal(bfl.Select(t => t.Name).Order(StringComparer.Ordinal), weights.Names.Order(StringComparer.Ordinal));
        int quantized = 0;
        foreach (var original in bfl)
        {
            float[] offered = RecipeAssert.Floats(RecipeAssert.Written(weights, original.Name));
            float[] reference = original.ToFloats();
            if (!FixtureRelayout.IsQuantized(original))
            {
                Assert.Equal(reference, offered);
                continue;
            }
            quantized++;
            var payload = stored.Single(t => t.Name == prefix + original.Name);
            float[] scale = stored.Single(t => t.Name == prefix + original.Name[..^".weight".Length] + (form == Form.Legacy ? ".scale_weight" : ".weight_scale")).ToFloats();
            long rowLength = reference.Length / original.Rows;
            for (int i = 0; i < reference.Length; i++)
            {
                float s = scale.Length == 1 ? scale[0] : scale[i / rowLength];
                float exact = Float8Format.E4M3FN.Decode(payload.Bytes[i]) * s;
                Assert.Equal(BitConverter.SingleToInt32Bits(exact), BitConverter.SingleToInt32Bits(offered[i]));
                // e4m3: 3 mantissa bits (relative half-step 2^-4), subnormal step 2^-9 of the scale.
                Assert.True(Math.Abs(offered[i] - reference[i]) <= Math.Abs(reference[i]) / 16 + s / 512,
                    $"{original.Name}[{i}]: {offered[i]} vs {reference[i]}");
            }
        }
        Assert.Equal(26, quantized);
        Assert.Contains(weights.QuantizationCompanions, n => n.EndsWith(form == Form.Legacy ? ".scale_input" : ".input_scale", StringComparison.Ordinal));
        Assert.Equal(form == Form.Legacy, weights.QuantizationCompanions.Contains(prefix + "scaled_fp8"));
    }

    [Theory]
    [InlineData(Form.Legacy)]
    [InlineData(Form.ComfyQuantTensors)]
    public void The_raw_payload_and_scales_are_offered_unchanged_for_a_keep_fp8_path(Form form)
    {
        var (dir, file, stored) = Write(form, "model.diffusion_model.");
        using var _ = dir;
        using var checkpoint = Checkpoint.Open(file);
        var weights = checkpoint.OpenComponent(ComponentKind.Transformer);
        const string name = "double_blocks.0.img_attn.qkv.weight";

        var quantized = weights.OpenQuantized(name)!;

        Assert.Equal(ElementType.Float8E4M3FN, quantized.Payload.ElementType);
        Assert.Equal([384L, 128], quantized.Payload.Dims);
        Assert.Equal(stored.Single(t => t.Name == "model.diffusion_model." + name).Bytes, Write(quantized.Payload));
        string layer = "model.diffusion_model.double_blocks.0.img_attn.qkv";
        Assert.Equal(stored.Single(t => t.Name == layer + (form == Form.Legacy ? ".scale_weight" : ".weight_scale")).Bytes, Write(quantized.Scale));
        Assert.Equal(stored.Single(t => t.Name == layer + (form == Form.Legacy ? ".scale_input" : ".input_scale")).Bytes, Write(quantized.InputScale!));
        Assert.Null(weights.OpenQuantized("img_in.weight")); // embedders stay bf16
        Assert.Null(weights.OpenQuantized("no.such.weight"));
        var error = Assert.Throws<CheckpointException>(() => weights.Open(name, ElementType.Float8E4M3FN));
        Assert.Equal("model.diffusion_model." + name, error.TensorName);
    }

    [Fact]
    public void An_unsupported_layer_format_is_a_typed_error_naming_the_layer()
    {
        var bfl = RawTensor.Load(FixtureRelayout.Schnell);
        using var dir = new TempDirectory();
        string file = dir.File("int8.safetensors");
        var (stored, metadata) = FixtureRelayout.ToComfyQuant(bfl, "", headerMetadata: false, format: "int8_blockwise");
        RawTensor.Save(file, stored, metadata);

        using var checkpoint = Checkpoint.Open(file);
        var error = Assert.Throws<UnsupportedQuantizationException>(() => checkpoint.OpenComponent(ComponentKind.Transformer));

        Assert.Equal("int8_blockwise", error.Format);
        Assert.StartsWith("double_blocks.", error.Layer);
    }

    private static byte[] Write(Graphs.Tensors.ITensorSource source)
    {
        using var stream = new MemoryStream();
        source.WriteTo(stream, CancellationToken.None);
        return stream.ToArray();
    }
}
