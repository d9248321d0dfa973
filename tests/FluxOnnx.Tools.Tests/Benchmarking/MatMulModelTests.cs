using FluxOnnx.Tools.Benchmarking;
using FluxOnnx.Graphs.Onnx;
using Xunit;

namespace FluxOnnx.Tools.Tests.Benchmarking;

/// <summary>The GEMM probe's hand-written protobuf parses as the intended ONNX model.</summary>
public sealed class MatMulModelTests
{
    [Fact]
    public void Bytes_parse_as_one_MatMul_with_the_given_shapes()
    {
        var model = ModelProto.Parser.ParseFrom(MatMulModel.Bytes(1024, 3072, 512));
        Assert.Equal(8, model.IrVersion);
        Assert.Equal(17, Assert.Single(model.OpsetImport).Version);
        var node = Assert.Single(model.Graph.Node);
        Assert.Equal("MatMul", node.OpType);
        Assert.Equal(["a", "b"], node.Input);
        Assert.Equal(["y"], node.Output);
        long[] Dims(ValueInfoProto v) => [.. v.Type.TensorType.Shape.Dim.Select(d => d.DimValue)];
        Assert.Equal([1024L, 3072], Dims(model.Graph.Input[0]));
        Assert.Equal([3072L, 512], Dims(model.Graph.Input[1]));
        Assert.Equal([1024L, 512], Dims(Assert.Single(model.Graph.Output)));
        Assert.All(model.Graph.Input, i => Assert.Equal(1, i.Type.TensorType.ElemType));
    }
}
