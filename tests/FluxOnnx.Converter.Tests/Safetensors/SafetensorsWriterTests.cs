using FluxOnnx.TestSupport;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using FluxOnnx.Converter.Safetensors;
using FluxOnnx.Converter.Numerics;
using Xunit;

namespace FluxOnnx.Converter.Tests.Safetensors;

public sealed class SafetensorsWriterTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static byte[] Pattern(int length, int seed)
    {
        var bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)(i * 31 + seed);
        }
        return bytes;
    }

    [Fact]
    public void Round_trips_every_dtype_with_metadata_in_aligned_order()
    {
        ElementType[] dtypes = [.. SafetensorsDTypes.All];
        var declarations = dtypes.Select((d, i) => new SafetensorsTensorDeclaration($"t.{d.SafetensorsName()}", d, 3, i + 1)).ToList();
        var metadata = new Dictionary<string, string> { ["format"] = "pt", ["note"] = "ünïcode \"quoted\" <tag>" };
        string path = _dir.File("all.safetensors");
        using (var writer = SafetensorsWriter.Create(path, declarations, metadata))
        {
            // Layout: item size 8, 4, 2, 1; ordinal names within a size.
            Assert.Equal(
                ["t.F64", "t.I64", "t.F32", "t.I32", "t.BF16", "t.F16", "t.I16", "t.BOOL", "t.F8_E4M3", "t.F8_E5M2", "t.I8", "t.U8"],
                writer.WriteOrder.Select(d => d.Name));
            foreach (SafetensorsTensorDeclaration d in writer.WriteOrder)
            {
                int i = Array.IndexOf(dtypes, d.DType);
                writer.WriteTensor(d.Name, Pattern(3 * (i + 1) * d.DType.ByteSize(), i));
            }
            writer.Complete();
        }

        Assert.Empty(Directory.GetFiles(_dir.Path, "*.tmp"));
        byte[] file = File.ReadAllBytes(path);
        Assert.Equal(0, (8 + (long)BinaryPrimitives.ReadUInt64LittleEndian(file)) % 8); // data section 8-aligned
        using var st = SafetensorsFile.Open(path);
        Assert.Equal(metadata, st.Metadata);
        Assert.Equal(dtypes.Length, st.Tensors.Count);
        for (int i = 0; i < dtypes.Length; i++)
        {
            SafetensorsTensorInfo info = st.GetInfo($"t.{dtypes[i].SafetensorsName()}");
            Assert.Equal(dtypes[i], info.DType);
            Assert.Equal(new long[] { 3, i + 1 }, info.Shape.ToArray());
            Assert.Equal(0, info.FileOffset % dtypes[i].ByteSize());
            Assert.Equal(Pattern(3 * (i + 1) * dtypes[i].ByteSize(), i), st.GetBytes(info.Name).ToArray());
        }
    }

    [Fact]
    public void Streams_a_tensor_in_pieces_and_converts_back_exactly()
    {
        float[] values = Enumerable.Range(0, 1000).Select(i => MathF.Sin(i) * 100).ToArray();
        var bf16 = new ushort[values.Length];
        BFloat16Conversion.FromSingle(values, bf16);
        var e4m3 = new byte[values.Length];
        Float8Format.E4M3FN.Encode(values, e4m3);
        string path = _dir.File("streamed.safetensors");
        using (var writer = SafetensorsWriter.Create(path, [
            new("w", ElementType.BFloat16, 10, 100), new("q", ElementType.Float8E4M3FN, 1000), new("f", ElementType.Float, 1000)]))
        {
            writer.WriteTensor<float>("f", values);
            writer.BeginTensor("w");
            ReadOnlySpan<byte> bytes = MemoryMarshal.AsBytes<ushort>(bf16);
            for (int start = 0; start < bytes.Length; start += 333)
            {
                writer.Write(bytes[start..Math.Min(bytes.Length, start + 333)]);
            }
            writer.EndTensor();
            writer.WriteTensor<byte>("q", e4m3);
            Assert.Null(writer.NextTensorName);
            writer.Complete();
        }
        using var st = SafetensorsFile.Open(path);
        var back = new float[values.Length];
        st.ReadAsFloat32("w", back);
        for (int i = 0; i < values.Length; i++)
        {
            Assert.Equal(BFloat16Conversion.ToSingle(bf16[i]), back[i]);
        }
        st.ReadAsFloat32("q", back);
        for (int i = 0; i < values.Length; i++)
        {
            Assert.Equal(Float8Format.E4M3FN.Decode(e4m3[i]), back[i]);
        }
        st.ReadAsFloat32("f", back);
        Assert.Equal(values, back);
    }

    [Fact]
    public void As_declared_order_is_kept()
    {
        string path = _dir.File("declared.safetensors");
        using (var writer = SafetensorsWriter.Create(path, [new("z", ElementType.UInt8, 1), new("a", ElementType.Double, 1)], order: SafetensorsTensorOrder.AsDeclared))
        {
            Assert.Equal(["z", "a"], writer.WriteOrder.Select(d => d.Name));
            writer.WriteTensor("z", new byte[] { 1 });
            writer.WriteTensor<double>("a", [2.5]);
            writer.Complete();
        }
        using var st = SafetensorsFile.Open(path);
        Assert.Equal(["z", "a"], st.Tensors.Select(t => t.Name));
        Assert.True(st.TryGet("a", out ReadOnlySpan<double> a));
        Assert.Equal(2.5, a[0]);
    }

    [Fact]
    public void Wrong_byte_counts_are_refused_and_nothing_reaches_the_destination()
    {
        string path = _dir.File("bad.safetensors");
        using (var writer = SafetensorsWriter.Create(path, [new("a", ElementType.Float, 2), new("b", ElementType.Float16, 2)]))
        {
            writer.BeginTensor("a");
            var tooMany = Assert.Throws<SafetensorsWriteException>(() => writer.Write(new byte[9]));
            Assert.Equal(SafetensorsWriteError.ByteCountMismatch, tooMany.Reason);
            Assert.Equal("a", tooMany.TensorName);
            Assert.Equal("8 bytes", tooMany.Expected);
            writer.Write(new byte[4]);
            var tooFew = Assert.Throws<SafetensorsWriteException>(() => writer.EndTensor());
            Assert.Equal(SafetensorsWriteError.ByteCountMismatch, tooFew.Reason);
            Assert.Equal("4 bytes", tooFew.Actual);
            Assert.Single(Directory.GetFiles(_dir.Path, "*.tmp"));
        }
        Assert.Empty(Directory.GetFiles(_dir.Path)); // dispose without Complete deleted the temp file
    }

    [Fact]
    public void Out_of_order_writes_and_early_completion_are_refused()
    {
        string path = _dir.File("order.safetensors");
        using (var writer = SafetensorsWriter.Create(path, [new("a", ElementType.Float, 1), new("b", ElementType.Float16, 1)]))
        {
            var order = Assert.Throws<SafetensorsWriteException>(() => writer.BeginTensor("b"));
            Assert.Equal(SafetensorsWriteError.OutOfOrder, order.Reason);
            Assert.Equal("a", order.Expected);
            Assert.Equal("b", order.Actual);
            writer.WriteTensor("a", new byte[4]);
            var early = Assert.Throws<SafetensorsWriteException>(() => writer.Complete());
            Assert.Equal(SafetensorsWriteError.Incomplete, early.Reason);
            Assert.Equal("b", early.TensorName);
        }
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Completing_replaces_an_existing_destination()
    {
        string path = _dir.File("replace.safetensors");
        File.WriteAllText(path, "old");
        using (var writer = SafetensorsWriter.Create(path, [new("a", ElementType.Int32, 1)]))
        {
            writer.WriteTensor<int>("a", [7]);
            Assert.Equal("old", File.ReadAllText(path));
            writer.Complete();
        }
        using var st = SafetensorsFile.Open(path);
        Assert.True(st.TryGet("a", out ReadOnlySpan<int> a));
        Assert.Equal(7, a[0]);
    }

    [Theory]
    [InlineData("__metadata__", 1L)]
    [InlineData("neg", -1L)]
    [InlineData("huge", long.MaxValue)]
    public void Invalid_declarations_are_refused_before_any_file_exists(string name, long dim)
    {
        var error = Assert.Throws<SafetensorsWriteException>(() =>
            SafetensorsWriter.Create(_dir.File("x.safetensors"), [new(name, ElementType.Float, dim, 2)]));
        Assert.Equal(SafetensorsWriteError.InvalidDeclaration, error.Reason);
        Assert.Equal(name, error.TensorName);
        Assert.Empty(Directory.GetFiles(_dir.Path));
    }

    [Fact]
    public void Duplicate_declarations_are_refused()
    {
        var error = Assert.Throws<SafetensorsWriteException>(() =>
            SafetensorsWriter.Create(_dir.File("x.safetensors"), [new("a", ElementType.Float, 1), new("a", ElementType.UInt8, 1)]));
        Assert.Equal(SafetensorsWriteError.InvalidDeclaration, error.Reason);
    }

    [Fact]
    public void An_empty_file_round_trips()
    {
        string path = _dir.File("empty.safetensors");
        using (var writer = SafetensorsWriter.Create(path, []))
        {
            writer.Complete();
        }
        using var st = SafetensorsFile.Open(path);
        Assert.Empty(st.Tensors);
        Assert.Equal(0, st.LargestTensorBytes);
        Assert.Equal(16, st.FileLength); // 8-byte prefix + "{}" padded to 8
    }
}
