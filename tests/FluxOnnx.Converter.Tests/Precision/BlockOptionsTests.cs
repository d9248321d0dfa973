using FluxOnnx.Converter.Conversion;
using FluxOnnx.Graphs.Building;
using Xunit;
using Xunit.Abstractions;

namespace FluxOnnx.Converter.Tests.Precision;

using Precision = FluxOnnx.Precision;

/// <summary>int8 / int4 block options: block size, zero points and accuracy_level reach the graph and still match the reference.</summary>
public sealed class BlockOptionsTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(Precision.Int4, 64, true, 0, 0.998)]      // measured 0.998268151
    [InlineData(Precision.Int4, 128, true, 0, 0.998)]     // measured 0.998183460
    [InlineData(Precision.Int4, 32, false, 0, 0.9987)]    // measured 0.998885216
    [InlineData(Precision.Int4, 32, true, 4, 0.9985)]     // measured 0.998674890 (int8 compute)
    [InlineData(Precision.Int8, 32, true, 4, 0.99998)]    // measured 0.999985226 (int8 compute)
    [InlineData(Precision.Int8, 128, false, 0, 0.99999)]  // measured 0.999993941
    public void Options_reach_MatMulNBits_and_stay_close(Precision precision, int blockSize, bool symmetric, int accuracyLevel, double minCosine)
    {
        var policy = WeightPolicies.For(precision, new QuantizationOptions(blockSize, symmetric, accuracyLevel) { Int8Form = Int8Form.MatMulNBits });
        var result = TinySchnell.Run(policy);
        output.WriteLine($"{precision.Name()} block {blockSize} {(symmetric ? "symmetric" : "zero-point")} accuracy_level {accuracyLevel}: cosine {result.Cosine:F9}");
        Assert.InRange(result.Cosine, minCosine, 1.0000001);

        var graph = result.Model.Proto.Graph;
        long bits = precision == Precision.Int8 ? 8 : 4;
        var nodes = graph.Node.Where(n => n.OpType == "MatMulNBits").ToArray();
        Assert.NotEmpty(nodes);
        Assert.All(nodes, n =>
        {
            Assert.Equal(blockSize, n.Attribute.Single(a => a.Name == "block_size").I);
            Assert.Equal(accuracyLevel, n.Attribute.Single(a => a.Name == "accuracy_level").I);
            Assert.Equal(symmetric ? 3 : 4, n.Input.Count);
        });
        var qkvZeroPoints = graph.Initializer.SingleOrDefault(t => t.Name == "double_blocks.0.img_attn.qkv.weight_zero_point");
        if (symmetric)
        {
            Assert.Null(qkvZeroPoints);
        }
        else
        {
            // [N, ceil(blocks · bits / 8)] with N = 3·hidden, blocks = hidden / blockSize.
            long h = TinySchnell.Config.HiddenSize, blocks = h / blockSize;
            Assert.NotNull(qkvZeroPoints);
            Assert.Equal([3 * h, (blocks * bits + 7) / 8], qkvZeroPoints.Dims);
            Assert.Equal((int)ElementType.UInt8, qkvZeroPoints.DataType);
        }
    }

    [Fact]
    public void Unknown_precision_and_bad_block_size_are_conversion_errors()
    {
        var unknown = Assert.Throws<ConversionException>(() => WeightPolicies.For((Precision)42));
        Assert.Equal("Precision", unknown.Field.Member);
        Assert.Equal(("one of fp32, fp16, bf16, fp8, int8, int4", "42"), (unknown.Expected, unknown.Actual));
        Assert.Equal("Quantization.BlockSize", Assert.Throws<ConversionException>(() => WeightPolicies.For(Precision.Int4, new QuantizationOptions(BlockSize: 48))).Field.Member);
    }
}
