using System.Runtime.InteropServices;
using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Onnx;
using FluxOnnx.Graphs.Tensors;
using FluxOnnx.Graphs.Writing;
using Xunit;

namespace FluxOnnx.Graphs.Tests;

public sealed class ModelWriterTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fluxonnx-writer-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string ModelPath => Path.Combine(_folder, "model.onnx");

    private static float[] Ramp(int count) => Enumerable.Range(0, count).Select(i => i * 0.25f).ToArray();

    /// <summary>x [1, n] · w0 [n, n] + b, with a medium, a large and a small (inline) weight.</summary>
    private static (GraphBuilder Graph, float[] Medium, Half[] Large, float[] Small) ThreeWeightModel()
    {
        var medium = Ramp(500);                                                 // 2000 bytes: external, 64-aligned
        var large = Enumerable.Range(0, 1 << 19).Select(i => (Half)(i % 100)).ToArray(); // 1 MiB: 4096-aligned
        var small = Ramp(25);                                                   // 100 bytes: inline
        var g = new GraphBuilder(new GraphBuilderOptions { RootScope = "tiny" });
        var x = g.Input("x", ElementType.Float, new Shape("batch", 500));
        var w0 = g.Initializer("w0", new ArrayTensorSource<float>(medium, [500]));
        var w1 = g.Initializer("w1", new ArrayTensorSource<Half>(large, [1 << 19]));
        var b = g.Initializer("b", new ArrayTensorSource<float>(small, [25]));
        var y = g.Add(g.Mul(x, w0), g.Cast(g.ReduceMean(g.Cast(w1, ElementType.Float), [0], keepDims: true), ElementType.Float));
        g.Output(g.Concat(1, y, g.Unsqueeze(b, 0)), "y");  // built, never run: batch vs 1 is fine
        return (g, medium, large, small);
    }

    private static Dictionary<string, string> External(TensorProto t) => t.ExternalData.ToDictionary(e => e.Key, e => e.Value);

    [Fact]
    public void External_tensors_sit_at_aligned_offsets_and_read_back_equal_to_their_source()
    {
        var (g, medium, large, _) = ThreeWeightModel();
        var result = new OnnxModelWriter().Write(g.Build(), ModelPath);

        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(ModelPath));
        var data = File.ReadAllBytes(Path.Combine(_folder, "model.onnx.data"));
        var w0 = model.Graph.Initializer.Single(t => t.Name == "w0");
        var w1 = model.Graph.Initializer.Single(t => t.Name == "w1");

        Assert.Equal(Path.Combine(_folder, "model.onnx.data"), result.DataPath);
        Assert.Equal(2, result.ExternalTensors);
        foreach (var (tensor, bytes, alignment) in new[]
                 {
                     (w0, MemoryMarshal.AsBytes(medium.AsSpan()).ToArray(), 64),
                     (w1, MemoryMarshal.AsBytes(large.AsSpan()).ToArray(), 4096),
                 })
        {
            var entries = External(tensor);
            long offset = long.Parse(entries["offset"]), length = long.Parse(entries["length"]);
            Assert.Equal(TensorProto.Types.DataLocation.External, tensor.DataLocation);
            Assert.Equal("model.onnx.data", entries["location"]);
            Assert.Equal(0, offset % alignment);
            Assert.Equal(bytes.Length, length);
            Assert.Equal(bytes, data.AsSpan((int)offset, (int)length).ToArray());
            Assert.True(tensor.RawData.IsEmpty);
        }
        Assert.Equal(0, long.Parse(External(w0)["offset"]));
        Assert.Equal(4096, long.Parse(External(w1)["offset"]));
        Assert.Equal(4096 + (1 << 20), data.Length);
        Assert.All(data.AsSpan(2000, 4096 - 2000).ToArray(), b => Assert.Equal(0, b));
    }

    [Fact]
    public void Consecutive_medium_tensors_are_padded_to_64_bytes()
    {
        var g = new GraphBuilder();
        var x = g.Input("x", ElementType.Float, new Shape(275));
        var a = g.Initializer("a", new ArrayTensorSource<float>(Ramp(275), [275]));   // 1100 bytes
        var b = g.Initializer("b", new ArrayTensorSource<float>(Ramp(275), [275]));
        g.Output(g.Add(g.Mul(x, a), b), "y");

        new OnnxModelWriter().Write(g.Build(), ModelPath);

        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(ModelPath));
        Assert.Equal(["0", "1152"], model.Graph.Initializer.Select(t => External(t)["offset"]));
        Assert.Equal(1152 + 1100, new FileInfo(ModelPath + ".data").Length);
    }

    [Fact]
    public void Small_tensors_stay_inline_as_raw_data()
    {
        var (g, _, _, small) = ThreeWeightModel();
        var result = new OnnxModelWriter().Write(g.Build(), ModelPath);

        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(ModelPath));
        var b = model.Graph.Initializer.Single(t => t.Name == "b");
        var constant = model.Graph.Initializer.Single(t => t.Name == "/constants/INT64/[0]");

        Assert.Equal(MemoryMarshal.AsBytes(small.AsSpan()).ToArray(), b.RawData.ToByteArray());
        Assert.Equal(TensorProto.Types.DataLocation.Default, b.DataLocation);
        Assert.Empty(b.ExternalData);
        Assert.Equal(BitConverter.GetBytes(0L), constant.RawData.ToByteArray());
        Assert.Equal([25L], b.Dims);
        Assert.Equal(2, result.InlineTensors);
    }

    [Fact]
    public void Written_model_round_trips_with_graph_opsets_and_value_info_intact()
    {
        var (g, _, _, _) = ThreeWeightModel();
        var built = g.Build();
        new OnnxModelWriter().Write(built, ModelPath);

        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(ModelPath));

        Assert.Equal(10, model.IrVersion);
        Assert.Equal(23, model.OpsetImport.Single(o => o.Domain == "").Version);
        Assert.Equal(built.Proto.Graph.Node, model.Graph.Node);
        Assert.Equal("batch", model.Graph.Input[0].Type.TensorType.Shape.Dim[0].DimParam);
        Assert.Equal("y", model.Graph.Output[0].Name);
        Assert.Equal("/tiny/Concat", model.Graph.Node.Last().Name);
        Assert.True(built.Proto.Graph.Initializer.All(t => t.RawData.IsEmpty && t.ExternalData.Count == 0));
    }

    [Fact]
    public void Lazy_sources_run_only_during_writing_and_once_each()
    {
        int calls = 0;
        var g = new GraphBuilder();
        var x = g.Input("x", ElementType.Float, new Shape(1024));
        var w = g.Initializer("w", new DelegateTensorSource(ElementType.Float, [1024], (stream, _) =>
        {
            calls++;
            stream.Write(MemoryMarshal.AsBytes(Ramp(1024).AsSpan()));
        }));
        g.Output(g.Mul(x, w), "y");

        var built = g.Build();
        Assert.Equal(1, built.CountOps("Mul"));
        Assert.Equal(4096, built.TotalInitializerBytes);
        Assert.Equal(0, calls);

        new OnnxModelWriter().Write(built, ModelPath);

        Assert.Equal(1, calls);
    }

    [Fact]
    public void Cancellation_midway_leaves_no_files()
    {
        using var cancel = new CancellationTokenSource();
        var g = new GraphBuilder();
        var x = g.Input("x", ElementType.Float, new Shape(1024));
        var first = g.Initializer("first", new ArrayTensorSource<float>(Ramp(1024), [1024]));
        var second = g.Initializer("second", new DelegateTensorSource(ElementType.Float, [1024], (stream, token) =>
        {
            stream.Write(new byte[2048]);
            cancel.Cancel();
            token.ThrowIfCancellationRequested();
        }));
        g.Output(g.Add(g.Mul(x, first), second), "y");

        Assert.ThrowsAny<OperationCanceledException>(() =>
            new OnnxModelWriter().Write(g.Build(), ModelPath, cancellationToken: cancel.Token));

        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder));
    }

    [Fact]
    public void A_source_writing_the_wrong_length_fails_with_name_and_both_lengths_and_leaves_no_files()
    {
        var g = new GraphBuilder();
        var x = g.Input("x", ElementType.Float, new Shape(1024));
        var w = g.Initializer("double_blocks.0.img_mod.lin.weight",
            new DelegateTensorSource(ElementType.Float, [1024], (stream, _) => stream.Write(new byte[4000])));
        g.Output(g.Mul(x, w), "y");

        var error = Assert.Throws<TensorSourceLengthException>(() => new OnnxModelWriter().Write(g.Build(), ModelPath));

        Assert.Equal("double_blocks.0.img_mod.lin.weight", error.TensorName);
        Assert.Equal(4096, error.Expected);
        Assert.Equal(4000, error.Actual);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder));
    }

    [Fact]
    public void Progress_counts_tensors_and_payload_bytes()
    {
        var (g, _, _, _) = ThreeWeightModel();
        var reports = new List<ModelWriteProgress>();

        new OnnxModelWriter().Write(g.Build(), ModelPath, new SyncProgress(reports.Add));

        Assert.Equal(4, reports.Count);
        Assert.Equal([1, 2, 3, 4], reports.Select(r => r.TensorsWritten));
        Assert.Equal(["w0", "w1", "b", "/constants/INT64/[0]"], reports.Select(r => r.TensorName));
        Assert.Equal(2000 + (1 << 20) + 100 + 8, reports[^1].BytesWritten);
        Assert.Equal(reports[^1].BytesWritten, reports[^1].TotalBytes);
    }

    [Fact]
    public void Data_file_name_is_configurable_and_omitted_when_everything_is_inline()
    {
        var (g, _, _, _) = ThreeWeightModel();
        new OnnxModelWriter(new ModelWriteOptions { DataFileName = "transformer.weights" }).Write(g.Build(), ModelPath);
        var tiny = new GraphBuilder();
        var x = tiny.Input("x", ElementType.Float, new Shape(2));
        tiny.Output(tiny.Mul(x, tiny.Constant(2f)), "y");
        string tinyPath = Path.Combine(_folder, "tiny.onnx");

        var result = new OnnxModelWriter().Write(tiny.Build(), tinyPath);

        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(ModelPath));
        Assert.Equal("transformer.weights", External(model.Graph.Initializer[0])["location"]);
        Assert.Null(result.DataPath);
        Assert.Equal(["model.onnx", "tiny.onnx", "transformer.weights"],
            Directory.EnumerateFiles(_folder).Select(Path.GetFileName).Order());
    }

    private sealed class SyncProgress(Action<ModelWriteProgress> report) : IProgress<ModelWriteProgress>
    {
        public void Report(ModelWriteProgress value) => report(value);
    }
}
