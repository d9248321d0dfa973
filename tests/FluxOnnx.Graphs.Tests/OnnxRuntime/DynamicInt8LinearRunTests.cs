using FluxOnnx.Converter.Quantization;
using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Layers;
using FluxOnnx.Graphs.Tensors;
using FluxOnnx.Graphs.Weights;
using Xunit;
using Xunit.Abstractions;

namespace FluxOnnx.Graphs.Tests.OnnxRuntime;

/// <summary>
/// One Linear under <see cref="LinearWeightFormat.Int8Dynamic"/> (the converter's quantizer), run in ORT CPU, against
/// the same quantized arithmetic computed here independently: the weight quantized symmetric per output channel
/// (scale max|row| / 127), x quantized by ONNX's DynamicQuantizeLinear rule (scale = (max(0, max x) − min(0, min x)) / 255,
/// zero point round(−min(0, min x) / scale), codes round(x / scale) + zero point, saturated, half to even), the
/// products accumulated in int32, rescaled by x_scale · w_scale and the bias added.
/// </summary>
[Collection(OrtGraphCollection.Name)]
public sealed class DynamicInt8LinearRunTests(OrtGraphFixture ort, ITestOutputHelper output)
{
    private const int Batch = 2, Tokens = 7, In = 96, Out = 40;

    [Fact]
    public void Dynamic_int8_linear_matches_the_quantized_arithmetic_and_is_close_to_float32()
    {
        var data = new SeededData(811);
        var x = data.Normal(Batch * Tokens * In);
        x[3] = 4.5f;                                                        // an outlier widens the range, as in real activations
        var w = data.Normal(Out * In, std: 0.1f);                           // torch layout [out, in]
        var bias = data.Normal(Out, std: 0.2f);

        var g = new GraphBuilder();
        var source = new ArrayWeightSource(new()
        {
            ["proj.weight"] = (w, [Out, In]),
            ["proj.bias"] = (bias, [Out]),
        });
        var policy = WeightPolicy.Float32 with { Linear = LinearWeightFormat.Int8Dynamic, Quantizer = LinearWeightQuantizer.Instance };
        var registry = new WeightRegistry(g, source, policy);
        var input = g.Input("x", ElementType.Float, new Shape(Batch, Tokens, In));
        Value y;
        using (var proj = registry.Root.Enter("proj"))
        {
            y = Linear.Apply(proj, input, In, Out);
        }
        g.Output(y, "y");
        registry.EnsureComplete();
        var model = g.Build();
        Assert.Equal(1, model.CountOps("DynamicQuantizeLinear"));
        Assert.Equal(1, model.CountOps("MatMulInteger"));
        Assert.Equal(0, model.CountOps("MatMul"));
        var initializers = model.Proto.Graph.Initializer.ToDictionary(t => t.Name);
        Assert.Equal((int)ElementType.Int8, initializers["proj.weight"].DataType);
        Assert.Equal([In, Out], initializers["proj.weight"].Dims);           // [in, out]: MatMulInteger's B layout
        Assert.Equal((int)ElementType.Float, initializers["proj.weight_scale"].DataType);
        Assert.Equal([Out], initializers["proj.weight_scale"].Dims);

        var (actual, shape) = ort.Run(model, "dynamic_int8_linear", TestInput.Float("x", x, Batch, Tokens, In));

        Assert.Equal(new long[] { Batch, Tokens, Out }, shape);
        var expected = QuantizedReference(x, w, bias);
        Closeness.AssertClose(output, "dynamic int8 Linear vs the same int8 arithmetic", expected, actual, atol: 1e-6);          // measured max abs error 1.7e-7
        double cosine = Cosine(Float32Reference(x, w, bias), actual);
        output.WriteLine($"cosine to the float32 Linear: {cosine:F7}");
        Assert.InRange(cosine, 0.9999, 1.0000001);                         // measured 0.9999397 (8-bit x and w, one outlier in x)
    }

    /// <summary>The int8 arithmetic, independent of the code under test.</summary>
    private static double[] QuantizedReference(float[] x, float[] w, float[] bias)
    {
        float lo = Math.Min(0f, x.Min()), hi = Math.Max(0f, x.Max());
        float xScale = (hi - lo) / 255f;
        int xZero = (int)Math.Clamp(MathF.Round(-lo / xScale, MidpointRounding.ToEven), 0, 255);
        var xq = x.Select(v => (int)Math.Clamp(MathF.Round(v / xScale, MidpointRounding.ToEven) + xZero, 0, 255)).ToArray();

        var wScale = new float[Out];
        var wq = new int[Out * In];
        for (int o = 0; o < Out; o++)
        {
            float amax = 0;
            for (int i = 0; i < In; i++) amax = Math.Max(amax, Math.Abs(w[o * In + i]));
            wScale[o] = amax / 127f;
            for (int i = 0; i < In; i++) wq[o * In + i] = (int)Math.Clamp(MathF.Round(w[o * In + i] / wScale[o], MidpointRounding.ToEven), -127, 127);
        }

        int rows = Batch * Tokens;
        var y = new double[rows * Out];
        for (int r = 0; r < rows; r++)
        for (int o = 0; o < Out; o++)
        {
            int acc = 0;                                                    // int32 accumulation, as MatMulInteger
            for (int i = 0; i < In; i++) acc += (xq[r * In + i] - xZero) * wq[o * In + i];
            y[r * Out + o] = acc * (double)(xScale * wScale[o]) + bias[o];
        }
        return y;
    }

    private static double[] Float32Reference(float[] x, float[] w, float[] bias)
    {
        int rows = Batch * Tokens;
        var y = new double[rows * Out];
        for (int r = 0; r < rows; r++)
        for (int o = 0; o < Out; o++)
        {
            double sum = bias[o];
            for (int i = 0; i < In; i++) sum += (double)x[r * In + i] * w[o * In + i];
            y[r * Out + o] = sum;
        }
        return y;
    }

    private static double Cosine(double[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += (double)b[i] * b[i];
        }
        return dot / Math.Sqrt(na * nb);
    }

    /// <summary>Float32 arrays by reference name, in their stored layout.</summary>
    private sealed class ArrayWeightSource(Dictionary<string, (float[] Data, long[] Dims)> tensors) : IWeightSource
    {
        public IReadOnlyCollection<string> Names => tensors.Keys;

        public IReadOnlyList<long>? ShapeOf(string name) => tensors.TryGetValue(name, out var t) ? t.Dims : null;

        public ITensorSource? Open(string name, ElementType elementType)
        {
            Assert.Equal(ElementType.Float, elementType);
            return tensors.TryGetValue(name, out var t) ? new ArrayTensorSource<float>(t.Data, t.Dims) : null;
        }
    }
}
