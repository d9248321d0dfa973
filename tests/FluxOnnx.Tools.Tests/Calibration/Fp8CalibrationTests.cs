using FluxOnnx.Packaging;
using System.Security.Cryptography;
using System.Text.Json;
using FluxOnnx.Converter.Calibration;
using FluxOnnx.Converter.Conversion;
using FluxOnnx.Converter.Tests.Conversion;
using FluxOnnx.TestSupport;
using FluxOnnx.Converter.Tests.Precision;
using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Models.Flux;
using FluxOnnx.Graphs.Onnx;
using FluxOnnx.Tools.Calibration;
using Google.Protobuf;
using Xunit;
using Xunit.Abstractions;

namespace FluxOnnx.Tools.Tests.Calibration;

/// <summary>
/// The fixture schnell package converted to fp32, calibrated over 2 prompts (<c>flux calibrate</c>), and converted
/// again with fp8 for TensorRT from the table, once per class.
/// </summary>
public sealed class CalibratedFp8Package : IDisposable
{
    public const int Prompts = 2;

    public CalibratedFp8Package()
    {
        Root = Directory.CreateTempSubdirectory("flux-fp8-trt-").FullName;
        Fp32Path = System.IO.Path.Combine(Root, "fp32");
        Fp32Manifest = PackageConverter.Convert(FixturePackage.Request(Fp32Path));
        TablePath = System.IO.Path.Combine(Root, "tables", "table.json");
        Table = ActivationCalibrator.Calibrate(new CalibrateRequest(Fp32Path, TablePath, Prompts));
        Path = System.IO.Path.Combine(Root, "fp8");
        Manifest = PackageConverter.Convert(Fp8Request(Path, TablePath));
        TransformerPath = System.IO.Path.Combine(Path, Manifest.Components["transformer"].Path);
        Graph = ModelProto.Parser.ParseFrom(File.ReadAllBytes(TransformerPath)).Graph;
    }

    public string Root { get; }

    public string Fp32Path { get; }

    public FluxOnnx.Packaging.PackageManifest Fp32Manifest { get; }

    public string TablePath { get; }

    public CalibrationTable Table { get; }

    public string Path { get; }

    public string TransformerPath { get; }

    public FluxOnnx.Packaging.PackageManifest Manifest { get; }

    public GraphProto Graph { get; }

    public static ConvertRequest Fp8Request(string output, string? table) => FixturePackage.Request(output) with
    {
        Precision = Precision.Fp8,
        Target = Target.TensorRt,
        CalibrationTable = table,
    };

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

/// <summary>
/// fp8 + tensorrt: activation QuantizeLinear → DequantizeLinear (FLOAT8E4M3FN, per-tensor scale amax/448) on the
/// input of every quantized Linear, scales from the calibration table recorded over prompts run through the fp32
/// package (convert fp32 → calibrate → convert fp8).
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
        Assert.DoesNotContain(graph.Output, o => o.Name.StartsWith("calibration/", StringComparison.Ordinal));
        Assert.Equal(Precision.Fp8, package.Manifest.Precision);
        Assert.Equal(Target.TensorRt, package.Manifest.Target);
    }

    /// <summary>The Linears BFL's model.py keeps in full precision: the embedders and the final layer (schnell: no guidance_in).</summary>
    private static readonly string[] FloatLinears =
    [
        "img_in", "txt_in", "time_in.in_layer", "time_in.out_layer", "vector_in.in_layer", "vector_in.out_layer",
        "final_layer.linear", "final_layer.adaLN_modulation.1",
    ];

    [Fact]
    public void Scales_are_the_calibrated_amax_over_448()
    {
        // The table as written to disk, read back: every activation scale of the fp8 graph is its amax / 448.
        var amax = CalibrationTableJson.Read(package.TablePath).AmaxByName();
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
    public void The_table_covers_every_linear_of_the_fp32_transformer_with_its_provenance()
    {
        var table = package.Table;
        var expected = QuantizedLinears(TinySchnell.Config).Concat(FloatLinears).Order(StringComparer.Ordinal);
        Assert.Equal(expected, table.Linears.Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal(CalibrationTable.CurrentFormatVersion, table.FormatVersion);
        Assert.Equal(CalibratedFp8Package.Prompts, table.Prompts);
        // One sample per transformer evaluation: prompts × the package's default steps (schnell: 4).
        Assert.Equal(4, package.Fp32Manifest.Defaults.Steps);
        Assert.All(table.Linears, e => Assert.Equal(CalibratedFp8Package.Prompts * 4, e.Samples));
        Assert.All(table.Linears, e => Assert.True(e.Amax > 0, e.Name));
        var manifestBytes = File.ReadAllBytes(Path.Combine(package.Fp32Path, "manifest.json"));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(manifestBytes)), table.PackageSha256);
        var checkpoint = File.ReadAllBytes(TinySchnell.Checkpoint);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(checkpoint)), table.TransformerSourceSha256);
    }

    [Fact]
    public void The_table_round_trips_bit_for_bit_and_is_written_atomically()
    {
        var read = CalibrationTableJson.Read(package.TablePath);
        Assert.Equal(package.Table.PackageSha256, read.PackageSha256);
        Assert.Equal(package.Table.TransformerSourceSha256, read.TransformerSourceSha256);
        Assert.Equal(package.Table.Prompts, read.Prompts);
        Assert.Equal(package.Table.Linears.Count, read.Linears.Count);
        for (var i = 0; i < read.Linears.Count; i++)
        {
            Assert.Equal(package.Table.Linears[i].Name, read.Linears[i].Name);
            Assert.Equal(BitConverter.SingleToInt32Bits(package.Table.Linears[i].Amax), BitConverter.SingleToInt32Bits(read.Linears[i].Amax));
            Assert.Equal(package.Table.Linears[i].Samples, read.Linears[i].Samples);
        }
        // snake_case members, and nothing but the table in its folder (the temp file was renamed into place).
        using var json = JsonDocument.Parse(File.ReadAllText(package.TablePath));
        Assert.Equal(["format_version", "package_sha256", "transformer_source_sha256", "prompts", "linears"],
            json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["table.json"], Directory.GetFiles(Path.GetDirectoryName(package.TablePath)!).Select(Path.GetFileName));
    }

    [Fact]
    public void A_table_missing_a_quantized_linear_or_naming_an_unknown_one_is_refused_with_both_lists()
    {
        using var temp = new TempDirectory();
        var edited = package.Table with
        {
            Linears = package.Table.Linears.Where(e => e.Name != "single_blocks.0.linear2")
                .Append(new CalibrationEntry("double_blocks.9.img_attn.qkv", 1f, 1)).ToArray(),
        };
        var tablePath = temp.File("edited.json");
        File.WriteAllText(tablePath, CalibrationTableJson.Serialize(edited));
        var output = temp.File("fp8");
        var e = Assert.Throws<CalibrationTableMismatchException>(() => { PackageConverter.Convert(CalibratedFp8Package.Fp8Request(output, tablePath)); });
        Assert.Equal(tablePath, e.Path);
        Assert.Equal(["single_blocks.0.linear2"], e.Missing);
        Assert.Equal(["double_blocks.9.img_attn.qkv"], e.Unknown);
        Assert.Contains("single_blocks.0.linear2", e.Message);
        Assert.Contains("double_blocks.9.img_attn.qkv", e.Message);
        Assert.IsAssignableFrom<FluxOnnxException>(e);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void A_table_recorded_from_another_checkpoint_is_refused()
    {
        using var temp = new TempDirectory();
        var other = new string('0', 64);
        var tablePath = temp.File("other.json");
        File.WriteAllText(tablePath, CalibrationTableJson.Serialize(package.Table with { TransformerSourceSha256 = other }));
        var output = temp.File("fp8");
        var e = Assert.Throws<CalibrationSourceMismatchException>(() => { PackageConverter.Convert(CalibratedFp8Package.Fp8Request(output, tablePath)); });
        Assert.Equal(other, e.TableSourceSha256);
        Assert.Equal(package.Table.TransformerSourceSha256, e.TransformerSha256);
        Assert.False(Directory.Exists(output));
    }

    [Theory]
    [InlineData("""{"format_version": 2, "package_sha256": "x", "transformer_source_sha256": null, "prompts": 1, "linears": []}""", "format_version 2")]
    [InlineData("""{"format_version": 1, "package_sha256": "x", "transformer_source_sha256": null, "prompts": 1, "linears": [{"name": "a", "amax": 1, "samples": 1}, {"name": "a", "amax": 2, "samples": 1}]}""", "'a' appears twice")]
    [InlineData("""{"format_version": 1, "package_sha256": "x", "transformer_source_sha256": null, "prompts": 1, "linears": [{"name": "a", "amax": -1, "samples": 1}]}""", "amax -1")]
    [InlineData("""{"format_version": 1, "package_sha256": "x", "transformer_source_sha256": null, "prompts": 1, "linears": [], "extra": 0}""", "not a calibration table")]
    public void A_malformed_table_is_a_typed_error_naming_the_file(string json, string fragment)
    {
        using var temp = new TempDirectory();
        var path = temp.File("bad.json");
        File.WriteAllText(path, json);
        var e = Assert.Throws<CalibrationTableException>(() => CalibrationTableJson.Read(path));
        Assert.Equal(path, e.Path);
        Assert.Contains(fragment, e.Message);
    }

    [Fact]
    public void Calibration_refuses_a_package_that_is_not_fp32()
    {
        var e = Assert.Throws<InvalidCalibrationRequestException>(() => ActivationCalibrator.Calibrate(new CalibrateRequest(package.Path)));
        Assert.Equal("Package", e.Field);
        Assert.Contains("fp8 package", e.Message);
    }

    [Fact]
    public void The_record_graph_reports_the_max_abs_of_the_linear_input()
    {
        // On the forward fixture inputs: the fp32 package's transformer with the recording outputs, against max |x|
        // of the qkv MatMul's input taken out of the same plain graph and reduced here.
        const string prefix = "double_blocks.0.img_attn.qkv";
        var transformer = Path.Combine(package.Fp32Path, package.Fp32Manifest.Components["transformer"].Path);
        var folder = Path.GetDirectoryName(transformer)!;
        var record = ModelProto.Parser.ParseFrom(File.ReadAllBytes(transformer));
        var names = AmaxRecordGraph.AddOutputs(record);
        var plain = ModelProto.Parser.ParseFrom(File.ReadAllBytes(transformer));
        var matmul = plain.Graph.Node.Single(n => n.OpType == "MatMul" && n.Input[1] == prefix + ".weight");
        plain.Graph.Output.Add(new ValueInfoProto { Name = matmul.Input[0], Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)ElementType.Float } } });
        // Beside model.onnx, so both find model.onnx.data (this class's own package; removed right after).
        string recordPath = Path.Combine(folder, "record.onnx"), plainPath = Path.Combine(folder, "plain.onnx");
        File.WriteAllBytes(recordPath, record.ToByteArray());
        File.WriteAllBytes(plainPath, plain.ToByteArray());
        try
        {
            var (inputs, _) = TinySchnell.Case();
            var x = FluxGraphRunner.RunOutput(plainPath, inputs, matmul.Input[0]);
            float independent = x.Data.Max(MathF.Abs);
            var recorded = FluxGraphRunner.RunOutput(recordPath, inputs, "calibration/" + prefix);
            output.WriteLine($"{prefix}: recorded {recorded.Data[0]}, independent {independent} over {x.Data.Length} values");
            Assert.Empty(recorded.Shape);
            Assert.Equal(independent, recorded.Data[0]);
            Assert.Equal(QuantizedLinears(TinySchnell.Config).Concat(FloatLinears).Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
        }
        finally
        {
            File.Delete(recordPath);
            File.Delete(plainPath);
        }
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
    public void Fp8_for_tensorrt_without_a_calibration_table_is_refused()
    {
        using var temp = new TempDirectory();
        var request = CalibratedFp8Package.Fp8Request(Path.Combine(temp.Path, "p"), table: null);
        var e = Assert.Throws<ConversionException>(() => { PackageConverter.Convert(request); });
        Assert.Equal(nameof(ConvertRequest.CalibrationTable), e.Field.Member);
        Assert.StartsWith("calibrationTable: expected a calibration table with precision fp8 and target tensorrt", e.Message);
        Assert.DoesNotContain("--", e.Message);
        Assert.False(Directory.Exists(Path.Combine(temp.Path, "p")));
    }
}
