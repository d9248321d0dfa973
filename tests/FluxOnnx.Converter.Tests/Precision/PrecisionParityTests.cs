using FluxOnnx.Converter.Conversion;
using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Onnx;
using Xunit;
using Xunit.Abstractions;

namespace FluxOnnx.Converter.Tests.Precision;

using Precision = FluxOnnx.Precision;

/// <summary>
/// Every <c>--precision</c> on the tiny schnell transformer: cosine similarity of the output with BFL's float32
/// reference, the ops the policy must emit, embedders and final_layer left unquantized, and the weight bytes
/// against what the config implies.
/// </summary>
public sealed class PrecisionParityTests(ITestOutputHelper output)
{
    private static readonly string[] NeverQuantized = ["img_in.", "txt_in.", "time_in.", "vector_in.", "guidance_in.", "final_layer."];

    /// <summary>MatMulNBits for int8 too (the cpu default is the dynamic form, which DynamicInt8Tests cover).</summary>
    private static readonly QuantizationOptions Nbits = QuantizationOptions.Default with { Int8Form = Int8Form.MatMulNBits };

    private static readonly Lazy<TinySchnell.Result> Fp32 = new(() => TinySchnell.Run(WeightPolicies.For(Precision.Fp32)));

    [Theory]
    [InlineData(Precision.Fp32, 0.999999)]
    [InlineData(Precision.Fp16, 0.9999999)]   // measured 0.999999972 (brief: ≥ 0.999)
    [InlineData(Precision.Bf16, 0.9999999)]   // measured 1.0: the fixture's weights are bf16 already, so bf16 storage is lossless
    [InlineData(Precision.Fp8, 0.99985)]      // measured 0.999892918 (brief: ≥ 0.99)
    [InlineData(Precision.Int8, 0.99998)]     // measured 0.999985226 at the default accuracy_level 4 (brief: ≥ 0.995)
    [InlineData(Precision.Int4, 0.9985)]      // measured 0.998674890 at the default accuracy_level 4 (brief: ≥ 0.97)
    public void Output_is_close_to_the_float32_reference(Precision precision, double minCosine)
    {
        var result = precision == Precision.Fp32 ? Fp32.Value : TinySchnell.Run(WeightPolicies.For(precision, Nbits));
        double ratio = (double)result.WeightBytes / Fp32.Value.WeightBytes;
        output.WriteLine($"{precision.Name()}: cosine {result.Cosine:F9}, weight bytes {result.WeightBytes} ({ratio:F4} of fp32)");
        Assert.InRange(result.Cosine, minCosine, 1.0000001);
    }

    [Theory]
    [InlineData(Precision.Int8, 8)]
    [InlineData(Precision.Int4, 4)]
    public void Int_precisions_emit_MatMulNBits_with_their_bits_for_every_block_linear(Precision precision, long bits)
    {
        var model = TinySchnell.Run(WeightPolicies.For(precision, Nbits)).Model;
        var c = TinySchnell.Config;
        var nbits = model.Proto.Graph.Node.Where(n => n.OpType == "MatMulNBits").ToArray();
        // 10 Linears per double block (2 mod, 2 qkv, 2 proj, 4 mlp), 3 per single block.
        Assert.Equal(10 * c.Depth + 3 * c.DepthSingleBlocks, nbits.Length);
        Assert.All(nbits, n => Assert.Equal(bits, n.Attribute.Single(a => a.Name == "bits").I));
        Assert.All(nbits, n => Assert.Equal(32, n.Attribute.Single(a => a.Name == "block_size").I));
        Assert.All(nbits, n => Assert.Equal(4, n.Attribute.Single(a => a.Name == "accuracy_level").I));
        AssertEmbeddersFloat(model.Proto.Graph, allowFloat16: false);
    }

    [Fact]
    public void Fp8_emits_DequantizeLinear_of_float8_initializers_for_every_block_linear()
    {
        var model = TinySchnell.Run(WeightPolicies.For(Precision.Fp8)).Model;
        var c = TinySchnell.Config;
        var graph = model.Proto.Graph;
        var types = graph.Initializer.ToDictionary(t => t.Name, t => (ElementType)t.DataType);
        var dq = graph.Node.Where(n => n.OpType == "DequantizeLinear").ToArray();
        Assert.Equal(10 * c.Depth + 3 * c.DepthSingleBlocks, dq.Length);
        Assert.All(dq, n => Assert.Equal(ElementType.Float8E4M3FN, types[n.Input[0]]));
        Assert.All(dq, n => Assert.Equal(1, n.Attribute.Single(a => a.Name == "axis").I));
        AssertEmbeddersFloat(graph, allowFloat16: false);
    }

    [Fact]
    public void Bf16_stores_block_linears_as_bfloat16_cast_to_float()
    {
        var graph = TinySchnell.Run(WeightPolicies.For(Precision.Bf16)).Model.Proto.Graph;
        var bf16 = graph.Initializer.Where(t => t.DataType == (int)ElementType.BFloat16).Select(t => t.Name).ToHashSet();
        var c = TinySchnell.Config;
        Assert.Equal(10 * c.Depth + 3 * c.DepthSingleBlocks, bf16.Count);
        Assert.All(bf16, name => Assert.Contains(graph.Node, n => n.OpType == "Cast" && n.Input[0] == name
            && n.Attribute.Single(a => a.Name == "to").I == (long)ElementType.Float));
        AssertEmbeddersFloat(graph, allowFloat16: false);
    }

    [Fact]
    public void Fp16_makes_weights_float16_with_casts_at_the_float32_boundaries()
    {
        var graph = TinySchnell.Run(WeightPolicies.For(Precision.Fp16)).Model.Proto.Graph;
        var types = graph.Initializer.ToDictionary(t => t.Name, t => (ElementType)t.DataType);
        Assert.Equal(ElementType.Float16, types["double_blocks.0.img_attn.qkv.weight"]);
        Assert.Equal(ElementType.Float16, types["single_blocks.1.linear2.weight"]);
        // keep-fp32 rule: the timestep embedding MLP stays float32.
        Assert.Equal(ElementType.Float, types["time_in.in_layer.weight"]);
        Assert.All(graph.Input, i => Assert.Equal((int)ElementType.Float, i.Type.TensorType.ElemType));
        Assert.All(graph.Output, o => Assert.Equal((int)ElementType.Float, o.Type.TensorType.ElemType));
        Assert.Contains(graph.Node, n => n.OpType == "Cast" && n.Output[0] == "latent");
        Assert.Contains(graph.Node, n => n.OpType == "Cast" && n.Input[0] == "hidden_states");
        AssertEmbeddersFloat(graph, allowFloat16: true);
    }

    /// <summary>
    /// Weight bytes derived from the config: Q quantizable Linear elements with R output rows in total; everything
    /// else (E bytes) is what the float32 build holds beyond 4Q. bf16 = 2Q + E; fp8 = Q + 4R + E; int8 (blocks of
    /// 32) = Q + 4Q/32 + E; int4 = Q/2 + 4Q/32 + E; fp16 between half of fp32 and half plus the kept time_in MLP.
    /// </summary>
    [Theory]
    [InlineData(Precision.Bf16)]
    [InlineData(Precision.Fp8)]
    [InlineData(Precision.Int8)]
    [InlineData(Precision.Int4)]
    [InlineData(Precision.Fp16)]
    public void Weight_bytes_follow_from_the_config(Precision precision)
    {
        var c = TinySchnell.Config;
        var (q, rows) = TinySchnell.QuantizableLinears(c);
        long fp32 = Fp32.Value.WeightBytes;
        long e = fp32 - 4 * q;
        long actual = TinySchnell.Run(WeightPolicies.For(precision, Nbits)).WeightBytes;
        output.WriteLine($"{precision.Name()}: {actual} bytes, {(double)actual / fp32:F4} of fp32 ({fp32}); block linears {(double)(actual - e) / (4 * q):F4} of fp32 where defined");
        switch (precision)
        {
            case Precision.Bf16: Assert.Equal(2 * q + e, actual); break;
            case Precision.Fp8: Assert.Equal(q + 4 * rows + e, actual); break;
            case Precision.Int8: Assert.Equal(q + 4 * q / 32 + e, actual); break;
            case Precision.Int4: Assert.Equal(q / 2 + 4 * q / 32 + e, actual); break;
            case Precision.Fp16:
                long timeIn = 4 * (TimestepEmbeddingDim * c.HiddenSize + c.HiddenSize * c.HiddenSize + 2 * c.HiddenSize);
                Assert.InRange(actual, fp32 / 2, fp32 / 2 + timeIn / 2 + fp32 / 100);
                break;
        }
    }

    private const long TimestepEmbeddingDim = 256;

    private static void AssertEmbeddersFloat(GraphProto graph, bool allowFloat16)
    {
        var embedders = graph.Initializer.Where(t => NeverQuantized.Any(p => t.Name.StartsWith(p, StringComparison.Ordinal))).ToArray();
        Assert.NotEmpty(embedders);
        Assert.All(embedders, t => Assert.True(
            t.DataType == (int)ElementType.Float || (allowFloat16 && t.DataType == (int)ElementType.Float16),
            $"{t.Name} is {(ElementType)t.DataType}"));
        Assert.DoesNotContain(graph.Node, n => n.OpType is "MatMulNBits" or "DequantizeLinear"
            && NeverQuantized.Any(p => n.Name.StartsWith("/transformer/" + p.TrimEnd('.') + "/", StringComparison.Ordinal)));
    }
}
