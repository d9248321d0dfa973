using FluxOnnx.TestSupport;
using FluxOnnx.Converter.Safetensors;
using Xunit;

namespace FluxOnnx.Converter.Tests.Safetensors;

/// <summary>Each malformed file is rejected with the intended <see cref="SafetensorsFormatError"/> and its data.</summary>
public sealed class MalformedFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private SafetensorsFormatException Reject(string header, int dataBytes = 0, ulong? headerLength = null)
    {
        string path = RawSafetensors.Write(_dir.File("bad.safetensors"), header, new byte[dataBytes], headerLength);
        var error = Assert.Throws<SafetensorsFormatException>(() => SafetensorsFile.Open(path));
        Assert.Equal(path, error.FilePath);
        Assert.Contains(path, error.Message);
        return error;
    }

    private const string Good = """{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""";

    [Fact]
    public void A_well_formed_baseline_opens()
    {
        string path = RawSafetensors.Write(_dir.File("ok.safetensors"), Good, new byte[8]);
        using var st = SafetensorsFile.Open(path);
        Assert.Equal("a", Assert.Single(st.Tensors).Name);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    public void Truncated_file_shorter_than_the_length_prefix(int length)
    {
        string path = _dir.File("short.safetensors");
        File.WriteAllBytes(path, new byte[length]);
        var error = Assert.Throws<SafetensorsFormatException>(() => SafetensorsFile.Open(path));
        Assert.Equal(SafetensorsFormatError.FileTooShort, error.Reason);
        Assert.Equal($"{length} bytes", error.Actual);
    }

    [Fact]
    public void Truncated_data_section()
    {
        var error = Reject(Good, dataBytes: 5);
        Assert.Equal(SafetensorsFormatError.OffsetsOutOfRange, error.Reason);
        Assert.Equal("a", error.TensorName);
        Assert.Equal("end ≤ 5", error.Expected);
    }

    [Fact]
    public void Header_length_longer_than_the_file()
    {
        var error = Reject(Good, dataBytes: 8, headerLength: 1000);
        Assert.Equal(SafetensorsFormatError.HeaderLengthExceedsFile, error.Reason);
        Assert.Equal("1000 bytes", error.Actual);
    }

    [Fact]
    public void Huge_header_length_is_an_error_not_an_allocation()
    {
        var error = Reject(Good, dataBytes: 8, headerLength: 1UL << 62);
        Assert.Equal(SafetensorsFormatError.HeaderTooLarge, error.Reason);
        Assert.Equal($"{1UL << 62} bytes", error.Actual);
        Assert.Equal(SafetensorsFormatError.HeaderTooLarge, Reject(Good, 8, ulong.MaxValue).Reason);
    }

    [Theory]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}""")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},}""")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}} {}""")]
    [InlineData("""{'a':1}""")]
    [InlineData("")]
    public void Bad_json(string header)
    {
        Assert.Equal(SafetensorsFormatError.InvalidJson, Reject(header, 8).Reason);
    }

    [Fact]
    public void Header_that_is_not_utf8()
    {
        string path = RawSafetensors.WriteBytes(_dir.File("bad.safetensors"), [(byte)'{', (byte)'"', 0xFF, (byte)'"', (byte)':', (byte)'1', (byte)'}']);
        var error = Assert.Throws<SafetensorsFormatException>(() => SafetensorsFile.Open(path));
        Assert.Equal(SafetensorsFormatError.HeaderNotUtf8, error.Reason);
    }

    [Fact]
    public void Header_that_is_not_an_object()
    {
        Assert.Equal(SafetensorsFormatError.HeaderNotObject, Reject("[1, 2]").Reason);
    }

    [Fact]
    public void Unknown_dtype()
    {
        var error = Reject("""{"a":{"dtype":"F33","shape":[2],"data_offsets":[0,8]}}""", 8);
        Assert.Equal(SafetensorsFormatError.UnknownDType, error.Reason);
        Assert.Equal("a", error.TensorName);
        Assert.Equal("F33", error.Actual);
    }

    [Fact]
    public void Offsets_out_of_range()
    {
        var error = Reject("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[8,16]}}""", 8);
        Assert.Equal(SafetensorsFormatError.OffsetsOutOfRange, error.Reason);
        Assert.Equal("[8, 16]", error.Actual);
        Assert.Equal("end ≤ 8", error.Expected);
    }

    [Fact]
    public void Overlapping_offsets()
    {
        var error = Reject("""
            {"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},
             "b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}
            """, 12);
        Assert.Equal(SafetensorsFormatError.OverlappingTensors, error.Reason);
        Assert.Equal("b", error.TensorName);
        Assert.Equal("begin ≥ 8", error.Expected);
        Assert.Equal("4", error.Actual);
        Assert.Contains("'a'", error.Message);
    }

    [Fact]
    public void Reversed_offsets()
    {
        var error = Reject("""{"a":{"dtype":"F32","shape":[0],"data_offsets":[8,0]}}""", 8);
        Assert.Equal(SafetensorsFormatError.ReversedOffsets, error.Reason);
        Assert.Equal("[8, 0]", error.Actual);
    }

    [Fact]
    public void Wrong_byte_size()
    {
        var error = Reject("""{"a":{"dtype":"BF16","shape":[3],"data_offsets":[0,8]}}""", 8);
        Assert.Equal(SafetensorsFormatError.ByteSizeMismatch, error.Reason);
        Assert.Equal("6 bytes", error.Expected);
        Assert.Equal("8 bytes", error.Actual);
        Assert.Contains("BF16 [3]", error.Message);
    }

    [Theory]
    [InlineData("[-2]", "-2")]
    [InlineData("[2.5]", "2.5")]
    [InlineData("[\"2\"]", "String")]
    public void Negative_or_non_integer_shape(string shape, string actual)
    {
        var error = Reject($$$"""{"a":{"dtype":"F32","shape":{{{shape}}},"data_offsets":[0,8]}}""", 8);
        Assert.Equal(SafetensorsFormatError.InvalidShape, error.Reason);
        Assert.Equal(actual, error.Actual);
    }

    [Theory]
    [InlineData("[4294967296, 4294967296]")] // element count overflows
    [InlineData("[2305843009213693952]")] // 2^61 F32 elements: the byte size overflows
    [InlineData("[18446744073709551615]")] // not even an int64: rejected as a shape
    public void Overflowing_shape_product(string shape)
    {
        var error = Reject($$$"""{"a":{"dtype":"F32","shape":{{{shape}}},"data_offsets":[0,8]}}""", 8);
        Assert.True(error.Reason is SafetensorsFormatError.ShapeOverflow or SafetensorsFormatError.InvalidShape, error.Reason.ToString());
        if (!shape.Contains("18446744073709551615"))
        {
            Assert.Equal(SafetensorsFormatError.ShapeOverflow, error.Reason);
            Assert.Equal(shape, error.Actual);
        }
    }

    [Fact]
    public void Duplicate_tensor_names()
    {
        var error = Reject("""
            {"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},
             "a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}
            """, 8);
        Assert.Equal(SafetensorsFormatError.DuplicateKey, error.Reason);
        Assert.Equal("a", error.TensorName);
    }

    [Fact]
    public void Duplicate_entry_fields_and_metadata_keys()
    {
        var field = Reject("""{"a":{"dtype":"F32","dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", 8);
        Assert.Equal(SafetensorsFormatError.DuplicateKey, field.Reason);
        var metadata = Reject("""{"__metadata__":{"k":"1","k":"2"},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", 8);
        Assert.Equal(SafetensorsFormatError.DuplicateKey, metadata.Reason);
        Assert.Equal("__metadata__", metadata.TensorName);
    }

    [Theory]
    [InlineData("""{"k":1}""", "Number")]
    [InlineData("""{"k":{"x":"y"}}""", "StartObject")]
    [InlineData("""["k"]""", "StartArray")]
    public void Non_string_metadata(string metadata, string actual)
    {
        var error = Reject($$$"""{"__metadata__":{{{metadata}}},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", 8);
        Assert.Equal(SafetensorsFormatError.InvalidMetadata, error.Reason);
        Assert.Equal(actual, error.Actual);
    }

    [Theory]
    [InlineData("""{"a":{"dtype":"F32","shape":[2]}}""")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8],"extra":1}}""")]
    [InlineData("""{"a":[1]}""")]
    [InlineData("""{"a":{"dtype":4,"shape":[2],"data_offsets":[0,8]}}""")]
    public void Incomplete_or_unexpected_entries(string header)
    {
        Assert.Equal(SafetensorsFormatError.InvalidEntry, Reject(header, 8).Reason);
    }

    [Theory]
    [InlineData("[0]")]
    [InlineData("[0,4,8]")]
    [InlineData("[-1,7]")]
    public void Offsets_that_are_not_a_pair_of_non_negative_integers(string offsets)
    {
        var error = Reject($$$"""{"a":{"dtype":"F32","shape":[2],"data_offsets":{{{offsets}}}}}""", 8);
        Assert.Equal(SafetensorsFormatError.InvalidOffsets, error.Reason);
    }

    [Fact]
    public void Gaps_and_trailing_bytes()
    {
        var gap = Reject("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", 8);
        Assert.Equal(SafetensorsFormatError.GapBetweenTensors, gap.Reason);
        Assert.Equal("begin = 0", gap.Expected);
        var trailing = Reject(Good, 12);
        Assert.Equal(SafetensorsFormatError.TrailingData, trailing.Reason);
        Assert.Equal("12 data bytes", trailing.Actual);
    }

    [Fact]
    public void Padding_spaces_null_metadata_and_zero_sized_tensors_are_accepted()
    {
        string header = """{"__metadata__":null,"e":{"dtype":"I64","shape":[0, 3],"data_offsets":[0,0]},"s":{"dtype":"U8","shape":[],"data_offsets":[0,1]}}   """;
        string path = RawSafetensors.Write(_dir.File("edge.safetensors"), header, [42]);
        using var st = SafetensorsFile.Open(path);
        Assert.Empty(st.Metadata);
        Assert.Equal(0, st.GetInfo("e").ByteLength);
        Assert.Equal(0, st.GetBytes("e").Length);
        Assert.Empty(st.GetInfo("s").Shape);
        Assert.Equal(1, st.GetInfo("s").ElementCount);
        Assert.True(st.TryGet("s", out ReadOnlySpan<byte> scalar));
        Assert.Equal(42, scalar[0]);
    }
}
