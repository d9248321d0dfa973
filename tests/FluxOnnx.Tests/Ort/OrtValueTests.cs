using FluxOnnx.Ort;
using Xunit;

namespace FluxOnnx.Tests.Ort;

[Collection(OrtCollection.Name)]
public sealed class OrtValueTests
{
    private readonly OrtFixture _ort;

    public OrtValueTests(OrtFixture ort) => _ort = ort;

    [Fact]
    public void Tensor_over_managed_memory_reports_type_shape_and_shares_the_buffer()
    {
        var data = new float[] { 1, 2, 3, 4, 5, 6 };
        using var value = OrtValue.CreateTensor(_ort.Library, data.AsMemory(), [2, 1, 3]);

        value.GetTensorData<float>()[4] = 50;

        Assert.Equal(OrtValueKind.Tensor, value.Kind);
        Assert.Equal(OrtElementType.Float, value.ElementType);
        Assert.Equal(new long[] { 2, 1, 3 }, value.Shape);
        Assert.Equal(6, value.ElementCount);
        Assert.Equal(50f, data[4]);
    }

    [Fact]
    public void Ushort_and_byte_memory_default_to_the_unsigned_integer_types()
    {
        using var u16 = OrtValue.CreateTensor(_ort.Library, new ushort[2].AsMemory(), [2]);
        using var u8 = OrtValue.CreateTensor(_ort.Library, new byte[2].AsMemory(), [2]);

        Assert.Equal(OrtElementType.UInt16, u16.ElementType);
        Assert.Equal(OrtElementType.UInt8, u8.ElementType);
    }

    [Fact]
    public void Buffer_length_different_from_shape_throws_size_mismatch_with_both_counts()
    {
        var error = Assert.Throws<OrtTensorSizeMismatchException>(
            () => OrtValue.CreateTensor(_ort.Library, new float[5].AsMemory(), [2, 3]));

        Assert.Equal(6, error.ExpectedElementCount);
        Assert.Equal(5, error.ActualElementCount);
        Assert.Equal(new long[] { 2, 3 }, error.Shape);
    }

    [Fact]
    public void Clr_type_of_the_wrong_size_for_the_element_type_throws_type_mismatch()
    {
        var error = Assert.Throws<OrtElementTypeMismatchException>(
            () => OrtValue.CreateTensor(_ort.Library, new float[2].AsMemory(), [2], OrtElementType.BFloat16));

        Assert.Equal(OrtElementType.BFloat16, error.ElementType);
        Assert.Equal(typeof(float), error.ClrType);
    }

    [Fact]
    public void Reading_data_with_the_wrong_clr_type_throws_type_mismatch()
    {
        using var value = OrtValue.CreateTensor(_ort.Library, new Half[2].AsMemory(), [2]);

        var error = Assert.Throws<OrtElementTypeMismatchException>(() => value.GetTensorData<float>());

        Assert.Equal(OrtElementType.Float16, error.ElementType);
    }

    [Fact]
    public void Ort_allocated_tensor_has_the_requested_type_and_shape()
    {
        using var value = OrtValue.AllocateTensor(_ort.Library, OrtElementType.Int64, [4, 2]);

        value.GetTensorData<long>().Fill(7);

        Assert.Equal(OrtElementType.Int64, value.ElementType);
        Assert.Equal(8, value.ElementCount);
        Assert.All(value.GetTensorData<long>().ToArray(), v => Assert.Equal(7, v));
    }

    [Fact]
    public void Disposed_value_throws_object_disposed()
    {
        var value = OrtValue.CreateTensor(_ort.Library, new int[1].AsMemory(), [1]);
        value.Dispose();

        Assert.Throws<ObjectDisposedException>(() => value.GetTensorData<int>());
    }

    [Fact]
    public void Managed_memory_stays_pinned_until_the_value_is_disposed()
    {
        using var memory = new CountingMemoryManager<float>(4);
        var value = OrtValue.CreateTensor(_ort.Library, memory.Memory, [4]);
        var pinnedWhileAlive = (memory.Pins, memory.Unpins);

        value.Dispose();

        Assert.Equal((1, 0), pinnedWhileAlive);
        Assert.Equal((1, 1), (memory.Pins, memory.Unpins));
    }

    [Fact]
    public void Memory_is_unpinned_when_ort_rejects_the_tensor()
    {
        using var memory = new CountingMemoryManager<long>(2);

        var error = Assert.Throws<OrtException>(
            () => OrtValue.CreateTensor(_ort.Library, memory.Memory, [2], OrtElementType.Complex64));

        Assert.NotEmpty(error.OrtMessage);
        Assert.Equal((1, 1), (memory.Pins, memory.Unpins));
    }
}
