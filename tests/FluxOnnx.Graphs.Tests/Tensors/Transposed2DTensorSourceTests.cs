using System.Runtime.InteropServices;
using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Tensors;
using Xunit;

namespace FluxOnnx.Graphs.Tests.Tensors;

public sealed class Transposed2DTensorSourceTests
{
    [Theory]
    [InlineData(3, 5)]
    [InlineData(33, 70)] // more than one 32×32 tile, ragged edges
    public void Float_matrix_is_transposed(int rows, int cols)
    {
        // Element (r, c) holds r * 1000 + c, so its place after the transpose is known without the code under test.
        var values = new float[rows * cols];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < cols; c++)
            {
                values[r * cols + c] = r * 1000 + c;
            }
        }
        var source = new Transposed2DTensorSource(new ArrayTensorSource<float>(values, [rows, cols]));
        Assert.Equal([(long)cols, rows], source.Dims);
        using var stream = new MemoryStream();
        source.WriteTo(stream, CancellationToken.None);
        var written = MemoryMarshal.Cast<byte, float>(stream.ToArray());
        for (var c = 0; c < cols; c++)
        {
            for (var r = 0; r < rows; r++)
            {
                Assert.Equal(r * 1000 + c, written[c * rows + r]);
            }
        }
    }

    [Fact]
    public void Half_matrix_is_transposed()
    {
        Half[] values = [(Half)1, (Half)2, (Half)3, (Half)4, (Half)5, (Half)6]; // [[1, 2, 3], [4, 5, 6]]
        var source = new Transposed2DTensorSource(new ArrayTensorSource<Half>(values, [2, 3], ElementType.Float16));
        using var stream = new MemoryStream();
        source.WriteTo(stream, CancellationToken.None);
        Assert.Equal([(Half)1, (Half)4, (Half)2, (Half)5, (Half)3, (Half)6], MemoryMarshal.Cast<byte, Half>(stream.ToArray()).ToArray());
    }

    [Fact]
    public void Three_dimensional_tensor_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => new Transposed2DTensorSource(new ArrayTensorSource<float>(new float[8], [2, 2, 2])));
        Assert.Contains("[2, 2, 2]", e.Message);
    }
}
