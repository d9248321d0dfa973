using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Onnx;
using FluxOnnx.Graphs.Tensors;
using FluxOnnx.Graphs.Writing;
using FluxOnnx.Runtime;
using Microsoft.ML.OnnxRuntime;
using Xunit;
using Xunit.Abstractions;

namespace FluxOnnx.Graphs.Tests.OnnxRuntime;

/// <summary>The writer's default layout (initializers of 1 KiB and more in <c>model.onnx.data</c>) as ORT loads it.</summary>
[Collection(OrtGraphCollection.Name)]
public sealed class ExternalDataRunTests(OrtGraphFixture ort, ITestOutputHelper output)
{
    private const int M = 4, K = 64, N = 48;

    /// <summary>y = x · w + b with w [64, 48] (12 KiB, external) and b [48] (192 bytes, inline).</summary>
    private static BuiltModel Affine(float[] w, float[] b)
    {
        var g = new GraphBuilder();
        var x = g.Input("x", ElementType.Float, new Shape(M, K));
        var y = g.Add(g.MatMul(x, g.Initializer("w", new ArrayTensorSource<float>(w, [K, N]))),
            g.Initializer("b", new ArrayTensorSource<float>(b, [N])));
        g.Output(y, "y");
        return g.Build();
    }

    [Fact]
    public void Model_with_external_initializers_loads_and_runs_and_needs_its_data_file()
    {
        var data = new SeededData(601);
        float[] x = data.Normal(M * K), w = data.Normal(K * N), b = data.Normal(N);
        var model = Affine(w, b);
        Assert.Equal(1, model.CountOps("MatMul"));
        Assert.Equal(1, model.CountOps("Add"));
        string folder = Directory.CreateDirectory(Path.Combine(ort.Folder, "external")).FullName;

        var written = new OnnxModelWriter().Write(model, Path.Combine(folder, "model.onnx"));

        // Files: model.onnx + model.onnx.data, the weight in the data file, the bias inline.
        Assert.Equal(Path.Combine(folder, "model.onnx.data"), written.DataPath);
        Assert.Equal((1, 1), (written.InlineTensors, written.ExternalTensors));
        Assert.Equal(K * N * sizeof(float), new FileInfo(written.DataPath!).Length);
        var proto = ModelProto.Parser.ParseFrom(File.ReadAllBytes(written.ModelPath));
        var weight = proto.Graph.Initializer.Single(t => t.Name == "w");
        Assert.Equal(TensorProto.Types.DataLocation.External, weight.DataLocation);
        Assert.Equal("model.onnx.data", weight.ExternalData.Single(e => e.Key == "location").Value);
        Assert.True(weight.RawData.IsEmpty);
        var bias = proto.Graph.Initializer.Single(t => t.Name == "b");
        Assert.Equal(TensorProto.Types.DataLocation.Default, bias.DataLocation);
        Assert.Equal(N * sizeof(float), bias.RawData.Length);

        // ORT resolves the data file beside the model and computes x · w + b.
        using (var session = ort.Open(written.ModelPath))
        using (var input = OnnxTensors.Wrap(x, M, K))
        using (var outputs = session.Run(new Dictionary<string, OrtValue> { ["x"] = input }, ["y"]))
        {
            var expected = new double[M * N];
            for (int m = 0; m < M; m++)
            for (int n = 0; n < N; n++)
            {
                double sum = b[n];
                for (int k = 0; k < K; k++) sum += (double)x[m * K + k] * w[k * N + n];
                expected[m * N + n] = sum;
            }
            Closeness.AssertClose(output, "external-data affine", expected, outputs.First().GetTensorDataAsSpan<float>().ToArray(), atol: 1e-5);
        }

        // The model file alone names data it cannot find: loading fails with ORT's error, not a crash or zeros.
        string alone = Directory.CreateDirectory(Path.Combine(ort.Folder, "external-alone")).FullName;
        string lonelyModel = Path.Combine(alone, "model.onnx");
        File.Copy(written.ModelPath, lonelyModel);
        var error = Assert.Throws<ModelLoadException>(() => ort.Open(lonelyModel));
        output.WriteLine($"without model.onnx.data: {error.Message}");
        Assert.Equal(lonelyModel, error.FilePath);
        Assert.StartsWith("[ErrorCode:Fail]", error.Detail, StringComparison.Ordinal);
        Assert.Contains("model.onnx.data", error.Detail, StringComparison.Ordinal);
    }
}
