using FluxOnnx.Converter.Safetensors;
using Xunit;

namespace FluxOnnx.Converter.Tests.Safetensors;

/// <summary>The safetensors dtype strings map to the one <see cref="ElementType"/> and back, with the element sizes of the format.</summary>
public sealed class SafetensorsDTypesTests
{
    [Theory]
    [InlineData(ElementType.Double, 8, "F64")]
    [InlineData(ElementType.Float, 4, "F32")]
    [InlineData(ElementType.Float16, 2, "F16")]
    [InlineData(ElementType.BFloat16, 2, "BF16")]
    [InlineData(ElementType.Float8E4M3FN, 1, "F8_E4M3")]
    [InlineData(ElementType.Float8E5M2, 1, "F8_E5M2")]
    [InlineData(ElementType.Int64, 8, "I64")]
    [InlineData(ElementType.Int32, 4, "I32")]
    [InlineData(ElementType.Int16, 2, "I16")]
    [InlineData(ElementType.Int8, 1, "I8")]
    [InlineData(ElementType.UInt8, 1, "U8")]
    [InlineData(ElementType.Bool, 1, "BOOL")]
    public void DTypes_have_item_sizes_and_round_trip_their_names(ElementType dtype, int size, string name)
    {
        Assert.Equal(size, dtype.ByteSize());
        Assert.Equal(name, dtype.SafetensorsName());
        Assert.True(SafetensorsDTypes.TryParse(name, out ElementType parsed));
        Assert.Equal(dtype, parsed);
    }

    [Theory]
    [InlineData("f32")]
    [InlineData("U16")]
    [InlineData("F8_E8M0")]
    [InlineData("")]
    public void Unknown_dtype_names_do_not_parse(string name)
    {
        Assert.False(SafetensorsDTypes.TryParse(name, out _));
    }

    [Fact]
    public void Types_safetensors_cannot_hold_have_no_name()
    {
        Assert.False(SafetensorsDTypes.IsSupported(ElementType.UInt16));
        Assert.Throws<ArgumentOutOfRangeException>(() => ElementType.Int4.SafetensorsName());
    }
}
