using FluxOnnx.TestSupport;
using FluxOnnx.Converter.Safetensors;
using FluxOnnx.Converter.Numerics;
using Xunit;

namespace FluxOnnx.Converter.Tests.Safetensors;

public sealed class SafetensorsFileAccessTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string WriteSample()
    {
        string path = _dir.File("sample.safetensors");
        using var writer = SafetensorsWriter.Create(path, [
            new("f64", ElementType.Double, 3), new("f16", ElementType.Float16, 2, 2), new("e5m2", ElementType.Float8E5M2, 4), new("ids", ElementType.Int32, 5)]);
        // WriteOrder is by item size: f64, ids, f16, e5m2.
        writer.WriteTensor<double>("f64", [1.0, 1.0000000596046448, -1e39]);
        writer.WriteTensor<int>("ids", [10, 20, 30, 40, 50]);
        writer.WriteTensor<ushort>("f16", [0x3C00, 0xC000, 0x7C00, 0x0001]);
        writer.WriteTensor<byte>("e5m2", [0x3C, 0x7B, 0xFC, 0x01]);
        writer.Complete();
        return path;
    }

    [Fact]
    public void Converts_every_float_dtype_to_float32_with_element_offsets()
    {
        using var st = SafetensorsFile.Open(WriteSample());
        var three = new float[3];
        st.ReadAsFloat32("f64", three);
        Assert.Equal(new[] { 1f, 1f, float.NegativeInfinity }, three);
        var two = new float[2];
        st.ReadAsFloat32("f16", 2, two);
        Assert.Equal(new[] { float.PositiveInfinity, 5.9604645e-8f }, two);
        var four = new float[4];
        st.ReadAsFloat32("e5m2", four);
        Assert.Equal(new[] { 1f, 57344f, float.NegativeInfinity, 1.52587890625e-05f }, four);
    }

    [Fact]
    public void Reports_sizes_and_storage_order()
    {
        using var st = SafetensorsFile.Open(WriteSample());
        Assert.Equal(["f64", "ids", "f16", "e5m2"], st.Tensors.Select(t => t.Name));
        Assert.Equal(24 + 20 + 8 + 4, st.TotalTensorBytes);
        Assert.Equal(24, st.LargestTensorBytes);
        Assert.Equal(st.DataSectionOffset + 24, st.GetInfo("ids").FileOffset);
        Assert.True(st.Contains("ids"));
        Assert.False(st.TryGetInfo("nope", out _));
    }

    [Fact]
    public void Byte_ranges_chunks_and_copies_agree_with_the_whole_span()
    {
        using var st = SafetensorsFile.Open(WriteSample());
        byte[] whole = st.GetBytes("ids").ToArray();
        Assert.Equal(whole[4..12], st.GetBytes("ids", 4, 8).ToArray());

        var chunks = new List<byte[]>();
        foreach (ReadOnlySpan<byte> chunk in st.GetChunks("ids", maxChunkBytes: 8))
        {
            chunks.Add(chunk.ToArray());
        }
        Assert.Equal([8, 8, 4], chunks.Select(c => c.Length));
        Assert.Equal(whole, chunks.SelectMany(c => c).ToArray());

        using var copy = new MemoryStream();
        st.CopyTo("ids", copy);
        Assert.Equal(whole, copy.ToArray());
    }

    [Fact]
    public void Bad_requests_raise_typed_access_errors()
    {
        using var st = SafetensorsFile.Open(WriteSample());
        var missing = Assert.Throws<SafetensorsAccessException>(() => st.GetBytes("nope"));
        Assert.Equal(SafetensorsAccessError.TensorNotFound, missing.Reason);
        Assert.Equal("nope", missing.TensorName);
        Assert.Equal(st.FilePath, missing.FilePath);

        var range = Assert.Throws<SafetensorsAccessException>(() => st.GetBytes("ids", 16, 8));
        Assert.Equal(SafetensorsAccessError.RangeOutOfBounds, range.Reason);
        Assert.Equal("[16, 24)", range.Actual);

        var elements = Assert.Throws<SafetensorsAccessException>(() => st.ReadAsFloat32("f16", 3, new float[2]));
        Assert.Equal(SafetensorsAccessError.RangeOutOfBounds, elements.Reason);
        var wholeLength = Assert.Throws<SafetensorsAccessException>(() => st.ReadAsFloat32("f16", new float[3]));
        Assert.Equal("4 elements", wholeLength.Expected);

        var dtype = Assert.Throws<SafetensorsAccessException>(() => st.ReadAsFloat32("ids", 0, new float[1]));
        Assert.Equal(SafetensorsAccessError.DTypeMismatch, dtype.Reason);

        Assert.False(st.TryGet("f16", out ReadOnlySpan<float> _));
        Assert.False(st.TryGet("nope", out ReadOnlySpan<int> _));
        Assert.True(st.TryGet("ids", out ReadOnlySpan<int> ids));
        Assert.Equal(new[] { 10, 20, 30, 40, 50 }, ids.ToArray());
    }

    [Fact]
    public void Access_after_dispose_is_refused()
    {
        var st = SafetensorsFile.Open(WriteSample());
        st.Dispose();
        Assert.Throws<ObjectDisposedException>(() => st.GetBytes("ids"));
        st.Dispose(); // idempotent
    }

    [Fact]
    public void Tensors_beyond_two_gib_are_served_in_chunks_not_one_span()
    {
        // A sparse file: the declared U8 tensor is 2^31 + 8 bytes, only its last bytes are ever touched.
        const long size = (1L << 31) + 8;
        string header = $$$"""{"big":{"dtype":"U8","shape":[{{{size}}}],"data_offsets":[0,{{{size}}}]}}""";
        string path = RawSafetensors.Write(_dir.File("big.safetensors"), header.PadRight(header.Length + (8 - header.Length % 8) % 8));
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite))
        {
            long dataStart = stream.Length;
            stream.SetLength(dataStart + size);
            stream.Position = dataStart + size - 3;
            stream.Write([7, 8, 9]);
        }

        using var st = SafetensorsFile.Open(path);
        Assert.Equal(size, st.LargestTensorBytes);
        var error = Assert.Throws<SafetensorsAccessException>(() => st.GetBytes("big"));
        Assert.Equal(SafetensorsAccessError.TooLargeForSpan, error.Reason);
        Assert.Equal($"{size} bytes", error.Actual);
        Assert.False(st.TryGet("big", out ReadOnlySpan<byte> _));
        Assert.Equal(new byte[] { 7, 8, 9 }, st.GetBytes("big", size - 3, 3).ToArray());

        long total = 0;
        int count = 0;
        foreach (ReadOnlySpan<byte> chunk in st.GetChunks("big"))
        {
            total += chunk.Length;
            count++;
        }
        Assert.Equal(size, total);
        Assert.Equal(3, count); // 1 GiB, 1 GiB, 8 bytes
    }
}
