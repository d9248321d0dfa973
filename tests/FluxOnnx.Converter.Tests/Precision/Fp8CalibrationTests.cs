using FluxOnnx.Packaging;
using FluxOnnx.Converter.Calibration;
using FluxOnnx.Converter.Checkpoints;
using FluxOnnx.Converter.Conversion;
using FluxOnnx.Converter.Tests.Conversion;
using FluxOnnx.Converter.Tests.Flux;
using FluxOnnx.Converter.Tests.Safetensors;
using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Models.Flux;
using FluxOnnx.Graphs.Onnx;
using FluxOnnx.Graphs.Weights;
using FluxOnnx.Graphs.Writing;
using FluxOnnx.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace FluxOnnx.Converter.Tests.Precision;

/// <summary>The fixture schnell package converted with fp8 for TensorRT and 2 calibration prompts, once per class.</summary>
public sealed class CalibratedFp8Package : IDisposable
{
    public const int Prompts = 2;

    public CalibratedFp8Package()
    {
        Root = Directory.CreateTempSubdirectory("flux-fp8-trt-").FullName;
        Path = System.IO.Path.Combine(Root, "fp8");
        Manifest = PackageConverter.Convert(FixturePackage.Request(Path) with
        {
            Precision = "fp8",
            Target = ConversionTarget.TensorRt,
            CalibrationPrompts = Prompts,
        });
        TransformerPath = System.IO.Path.Combine(Path, Manifest.Components["transformer"].Path);
        Graph = ModelProto.Parser.ParseFrom(File.ReadAllBytes(TransformerPath)).Graph;
    }

    public string Root { get; }

    public string Path { get; }

    public string TransformerPath { get; }

    public FluxOnnx.Packaging.PackageManifest Manifest { get; }

    public GraphProto Graph { get; }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

/// <summary>
/// fp8 + tensorrt: activation QuantizeLinear → DequantizeLinear (FLOAT8E4M3FN, per-tensor scale amax/448) on the
/// input of every quantized Linear, scales from calibration over prompts run through the fp32 package.
/// </summary>
public sealed class Fp8CalibrationTests(CalibratedFp8Package package, ITestOutputHelper output) : IClassFixture<CalibratedFp8Package>
{
    /// <summary>
    /// The quantized Linears from the config and flux <c>layers.py</c>: per double block img_mod.lin, txt_mod.lin and
    /// for img and txt attn.qkv, attn.proj, mlp.0, mlp.2; per single block modulation.lin, linear1, linear2.
    /// </summary>
    private static string[] QuantizedLinears(FluxConfig c)
    {
        var prefixes = new List<string>();
        for (int i = 0; i < c.Depth; i++)
        {
            foreach (var stream in new[] { "img", "txt" })
            {
                prefixes.Add($"double_blocks.{i}.{stream}_mod.lin");
                prefixes.Add($"double_blocks.{i}.{stream}_attn.qkv");
                prefixes.Add($"double_blocks.{i}.{stream}_attn.proj");
                prefixes.Add($"double_blocks.{i}.{stream}_mlp.0");
                prefixes.Add($"double_blocks.{i}.{stream}_mlp.2");
            }
        }
        for (int i = 0; i < c.DepthSingleBlocks; i++)
        {
            prefixes.Add($"single_blocks.{i}.modulation.lin");
            prefixes.Add($"single_blocks.{i}.linear1");
            prefixes.Add($"single_blocks.{i}.linear2");
        }
        return [.. prefixes];
    }

    /// <summary>Linear prefix → (QuantizeLinear, DequantizeLinear) on its input, found from the weight's MatMul.</summary>
    private static Dictionary<string, (NodeProto Q, NodeProto Dq)> ActivationPairs(GraphProto graph)
    {
        var producers = graph.Node.SelectMany(n => n.Output.Select(o => (o, n))).ToDictionary(p => p.o, p => p.n);
        var pairs = new Dictionary<string, (NodeProto, NodeProto)>(StringComparer.Ordinal);
        foreach (var matmul in graph.Node.Where(n => n.OpType == "MatMul"))
        {
            if (!producers.TryGetValue(matmul.Input[1], out var weightDq) || weightDq.OpType != "DequantizeLinear") continue;
            if (!producers.TryGetValue(matmul.Input[0], out var dq) || dq.OpType != "DequantizeLinear") continue;
            if (!producers.TryGetValue(dq.Input[0], out var q) || q.OpType != "QuantizeLinear") continue;
            var prefix = weightDq.Input[0][..^".weight".Length];
            pairs.Add(prefix, (q, dq));
        }
        return pairs;
    }

    [Fact]
    public void Every_quantized_linear_input_has_a_float8_QDQ_pair_and_nothing_else_does()
    {
        var graph = package.Graph;
        var expected = QuantizedLinears(TinySchnell.Config);
        var pairs = ActivationPairs(graph);
        output.WriteLine($"expected {expected.Length} quantized Linears (config: {TinySchnell.Config.Depth} double, {TinySchnell.Config.DepthSingleBlocks} single); found {pairs.Count} activation Q/DQ pairs");
        Assert.Equal(expected.Order(StringComparer.Ordinal), pairs.Keys.Order(StringComparer.Ordinal));
        // No QuantizeLinear anywhere else (embedders, final_layer).
        Assert.Equal(expected.Length, graph.Node.Count(n => n.OpType == "QuantizeLinear"));
        var initializers = graph.Initializer.ToDictionary(t => t.Name);
        foreach (var (q, dq) in pairs.Values)
        {
            Assert.Equal((int)ElementType.Float8E4M3FN, initializers[q.Input[2]].DataType);
            Assert.Equal(q.Input[1], dq.Input[1]);
            Assert.Equal(q.Input[2], dq.Input[2]);
            Assert.Equal(q.Output[0], dq.Input[0]);
        }
        Assert.DoesNotContain(graph.Output, o => o.Name.StartsWith(ActivationCalibration.OutputPrefix, StringComparison.Ordinal));
        Assert.Equal("fp8", package.Manifest.Precision);
        Assert.Equal("tensorrt", package.Manifest.Target);
    }

    [Fact]
    public void Scales_are_the_calibrated_amax_over_448()
    {
        // Calibrate again, the same way (fp32 package, record graph, same prompts and seeds), and compare every scale.
        using var temp = new TempDirectory();
        string fp32 = Path.Combine(temp.Path, "fp32");
        PackageConverter.Convert(FixturePackage.Request(fp32));
        using var file = Checkpoint.Open(TinySchnell.Checkpoint);
        var record = ComponentGraphFactory.Transformer(file.OpenComponent(ComponentKind.Transformer), TinySchnell.ParamsJson,
            ConversionTarget.Cpu, WeightPolicy.Float32 with { ActivationCalibration = ActivationCalibration.Record });
        var amax = ActivationCalibrator.Calibrate(record.Model, fp32, CalibratedFp8Package.Prompts);

        var scales = package.Graph.Initializer.ToDictionary(t => t.Name);
        foreach (var (prefix, (q, _)) in ActivationPairs(package.Graph))
        {
            var tensor = scales[q.Input[1]];
            Assert.Equal((int)ElementType.Float, tensor.DataType);
            float scale = tensor.FloatData.Count == 1 ? tensor.FloatData[0] : BitConverter.ToSingle(tensor.RawData.Span);
            Assert.True(amax[prefix] > 0, prefix);
            Assert.Equal(amax[prefix] / 448f, scale, amax[prefix] / 448f * 1e-5f);
        }
        output.WriteLine($"double_blocks.0.img_attn.qkv amax {amax["double_blocks.0.img_attn.qkv"]}, single_blocks.0.linear2 amax {amax["single_blocks.0.linear2"]}");
    }

    [Fact]
    public void The_record_graph_reports_the_max_abs_of_the_linear_input()
    {
        // On the forward fixture inputs: the record graph's calibration/double_blocks.0.img_attn.qkv against max |x|
        // of the qkv MatMul's input taken out of the plain fp32 graph and reduced here.
        const string prefix = "double_blocks.0.img_attn.qkv";
        using var temp = new TempDirectory();
        using var file = Checkpoint.Open(TinySchnell.Checkpoint);
        var source = file.OpenComponent(ComponentKind.Transformer);
        var record = ComponentGraphFactory.Transformer(source, TinySchnell.ParamsJson, ConversionTarget.Cpu,
            WeightPolicy.Float32 with { ActivationCalibration = ActivationCalibration.Record });
        string recordPath = Path.Combine(temp.Path, "record.onnx");
        new OnnxModelWriter().Write(record.Model, recordPath);

        var plain = ComponentGraphFactory.Transformer(source, TinySchnell.ParamsJson, ConversionTarget.Cpu, WeightPolicy.Float32);
        var graph = plain.Model.Proto.Graph;
        var matmul = graph.Node.Single(n => n.OpType == "MatMul" && n.Input[1] == prefix + ".weight");
        graph.Output.Add(new ValueInfoProto { Name = matmul.Input[0], Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)ElementType.Float } } });
        string plainPath = Path.Combine(temp.Path, "plain.onnx");
        new OnnxModelWriter().Write(plain.Model, plainPath);

        var (inputs, _) = TinySchnell.Case();
        var x = FluxGraphRunner.RunOutput(plainPath, inputs, matmul.Input[0]);
        float independent = x.Data.Max(MathF.Abs);
        var recorded = FluxGraphRunner.RunOutput(recordPath, inputs, ActivationCalibration.OutputName(prefix));
        output.WriteLine($"{prefix}: recorded {recorded.Data[0]}, independent {independent} over {x.Data.Length} values");
        Assert.Empty(recorded.Shape);
        Assert.Equal(independent, recorded.Data[0]);
        Assert.Equal(QuantizedLinears(TinySchnell.Config).Length,
            record.Model.Proto.Graph.Output.Count(o => o.Name.StartsWith(ActivationCalibration.OutputPrefix, StringComparison.Ordinal)));
    }

    [Fact]
    public void Runs_on_cpu_close_to_the_float32_reference()
    {
        var (inputs, expected) = TinySchnell.Case();
        var actual = FluxGraphRunner.RunOutput(package.TransformerPath, inputs, FluxIo.Latent,
            new Dictionary<string, string> { ["session.disable_quant_qdq"] = "1" });
        double cosine = TinySchnell.Cosine(expected.Data, actual.Data);
        output.WriteLine($"fp8 + tensorrt + calibrated activation Q/DQ: cosine vs fixture out {cosine:F9}");
        Assert.InRange(cosine, 0.99, 1.0000001);
    }

    [Fact]
    public void The_pipeline_generates_with_it_on_cpu_at_full_optimization()
    {
        // ORT's CPU QDQ fusion rejects float8 (MatMulIntegerToFloat); the pipeline leaves QDQ unfused for these packages.
        using var pipeline = FluxOnnx.Pipeline.FluxPipeline.Open(package.Path, new FluxOnnx.Pipeline.PipelineOptions { IntraOpThreads = 2 });
        var images = pipeline.Generate(FluxOnnx.Pipeline.GenerateRequest.For("a red apple", 7));
        Assert.Single(images);
    }

    [Fact]
    public void Fp8_for_tensorrt_without_calibration_prompts_is_refused()
    {
        using var temp = new TempDirectory();
        var request = FixturePackage.Request(Path.Combine(temp.Path, "p")) with { Precision = "fp8", Target = ConversionTarget.TensorRt };
        var e = Assert.Throws<ConversionException>(() => { PackageConverter.Convert(request); });
        Assert.Equal("--calibration-prompts", e.Argument);
        Assert.Contains("--calibration-prompts", e.Message);
        Assert.False(Directory.Exists(Path.Combine(temp.Path, "p")));
    }
}
