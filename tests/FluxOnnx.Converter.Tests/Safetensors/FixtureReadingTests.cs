using FluxOnnx.Converter.Safetensors;
using FluxOnnx.Converter.Numerics;
using FluxOnnx.TestSupport;
using Xunit;

namespace FluxOnnx.Converter.Tests.Safetensors;

/// <summary>Reads the shared fixture checkpoints (written by tools/fixtures/st_io.py) and checks counts, shapes and values.</summary>
public sealed class FixtureReadingTests
{
    [Theory]
    [InlineData("flux-tiny-schnell/flux.safetensors", 80, ElementType.BFloat16)]
    [InlineData("flux-tiny-fill/flux.safetensors", 84, ElementType.BFloat16)]
    [InlineData("flux-tiny-canny/flux.safetensors", 84, ElementType.BFloat16)]
    [InlineData("flux-tiny-kontext/flux.safetensors", 84, ElementType.BFloat16)]
    [InlineData("ae.safetensors", 176, ElementType.Float)]
    [InlineData("t5/model.safetensors", 22, ElementType.Float16)]
    [InlineData("clip/model.safetensors", 36, ElementType.Float16)]
    public void Every_model_file_opens_with_its_documented_tensor_count_and_dtype(string file, int count, ElementType dtype)
    {
        string path = Path.Combine(SharedPaths.Models, file);
        using var st = SafetensorsFile.Open(path);
        Assert.Equal(count, st.Tensors.Count);
        Assert.All(st.Tensors, t => Assert.Equal(dtype, t.DType));
        Assert.Equal(new FileInfo(path).Length - st.DataSectionOffset, st.TotalTensorBytes);
        Assert.Equal("pt", st.Metadata["format"]);
        // Storage order is by offset and contiguous, and the fixtures align each tensor to its item size.
        long position = 0;
        foreach (SafetensorsTensorInfo t in st.Tensors)
        {
            Assert.Equal(position, t.DataOffset);
            Assert.Equal(0, t.FileOffset % t.DType.ByteSize());
            position += t.ByteLength;
        }
    }

    [Fact]
    public void Every_case_file_opens()
    {
        string[] cases = Directory.GetDirectories(SharedPaths.Cases);
        Assert.NotEmpty(cases);
        foreach (string folder in cases)
        {
            using var st = SafetensorsFile.Open(Path.Combine(folder, "tensors.safetensors"));
            Assert.Equal(Path.GetFileName(folder), st.Metadata["case"]);
            Assert.NotEmpty(st.Tensors);
        }
    }

    [Theory]
    [InlineData("double_blocks.0.img_attn.qkv.weight", "384,128")]
    [InlineData("img_in.weight", "128,64")]
    [InlineData("final_layer.linear.weight", "64,128")]
    [InlineData("double_blocks.0.img_attn.norm.key_norm.scale", "32")]
    public void Schnell_shapes_match_the_fixture_readme(string name, string shapeText)
    {
        long[] shape = shapeText.Split(',').Select(long.Parse).ToArray();
        using var st = SafetensorsFile.Open(Path.Combine(SharedPaths.Models, "flux-tiny-schnell", "flux.safetensors"));
        SafetensorsTensorInfo info = st.GetInfo(name);
        Assert.Equal(shape, info.Shape.ToArray());
        Assert.Equal(shape.Aggregate(1L, (a, b) => a * b) * 2, info.ByteLength);
    }

    [Fact]
    public void Bf16_values_decode_to_the_stored_bits()
    {
        using var st = SafetensorsFile.Open(Path.Combine(SharedPaths.Models, "flux-tiny-schnell", "flux.safetensors"));
        ReadOnlySpan<byte> raw = st.GetBytes("double_blocks.0.img_attn.qkv.weight");
        // Little-endian bf16 words 0xBD9C, 0x3C65, 0x3CBE, decoded by hand: the high half of a float32.
        Assert.Equal(new byte[] { 0x9C, 0xBD, 0x65, 0x3C, 0xBE, 0x3C }, raw[..6].ToArray());
        var values = new float[3];
        st.ReadAsFloat32("double_blocks.0.img_attn.qkv.weight", 0, values);
        Assert.Equal(new[] { -0.076171875f, 0.01397705078125f, 0.023193359375f }, values);

        var all = new float[384 * 128];
        st.ReadAsFloat32("double_blocks.0.img_attn.qkv.weight", all);
        for (int i = 0; i < all.Length; i++)
        {
            uint bits = (uint)(raw[2 * i] | raw[2 * i + 1] << 8) << 16;
            Assert.Equal(bits, BitConverter.SingleToUInt32Bits(all[i]));
        }
    }

    [Fact]
    public void F16_and_f32_values_match_independent_decoding()
    {
        using (var t5 = SafetensorsFile.Open(Path.Combine(SharedPaths.Models, "t5", "model.safetensors")))
        {
            var values = new float[3];
            t5.ReadAsFloat32("shared.weight", 0, values);
            Assert.Equal(new[] { 0.07427978515625f, -0.39990234375f, -1.359375f }, values); // 0x2CC1, 0xB666, 0xBD70
            Assert.True(t5.TryGet("shared.weight", out ReadOnlySpan<Half> halves));
            Assert.Equal(32128 * 64, halves.Length);
            Assert.Equal((Half)(-1.359375f), halves[2]);
        }
        using var ae = SafetensorsFile.Open(Path.Combine(SharedPaths.Models, "ae.safetensors"));
        Assert.True(ae.TryGet("decoder.conv_in.weight", out ReadOnlySpan<float> weights));
        Assert.Equal(64 * 16 * 3 * 3, weights.Length);
        Assert.Equal(0x3DB431B3u, BitConverter.SingleToUInt32Bits(weights[0]));
        Assert.Equal(0xBD95F91Bu, BitConverter.SingleToUInt32Bits(weights[1]));
    }

    [Fact]
    public void Case_token_ids_read_as_int64()
    {
        using var st = SafetensorsFile.Open(Path.Combine(SharedPaths.Case("text_encoders_public"), "tensors.safetensors"));
        Assert.True(st.TryGet("astronaut.clip.input_ids", out ReadOnlySpan<long> ids));
        Assert.Equal(77, ids.Length);
        Assert.Equal(new long[] { 49406, 320, 8853, 539 }, ids[..4].ToArray());
        Assert.False(st.TryGet("astronaut.clip.input_ids", out ReadOnlySpan<int> _)); // dtype differs
        var error = Assert.Throws<SafetensorsAccessException>(() => st.ReadAsFloat32("astronaut.clip.input_ids", 0, new float[1]));
        Assert.Equal(SafetensorsAccessError.DTypeMismatch, error.Reason);
        Assert.Equal("I64", error.Actual);
    }
}
