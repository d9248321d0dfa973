using System.Diagnostics;
using FluxOnnx.Runtime;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Xunit;
using Xunit.Abstractions;
using DataType = FluxOnnx.Graphs.Onnx.TensorProto.Types.DataType;

namespace FluxOnnx.Tests.Runtime;

[Collection(RuntimeCollection.Name)]
public sealed class ModelSessionTests(RuntimeFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public void Named_outputs_come_back_in_the_order_asked_and_all_outputs_in_graph_order()
    {
        using var session = fixture.Open(TestModels.AddFloat(), "session_add.onnx");
        using var a = OnnxTensors.Wrap(new float[] { 1, 2, 3, 4, 5, 6 }, 2, 3);
        using var b = OnnxTensors.Wrap(new float[] { 10, 20, 30, 40, 50, 60 }, 2, 3);
        var inputs = new Dictionary<string, OrtValue> { ["A"] = a, ["B"] = b };

        using var named = session.Run(inputs, ["Y"]);
        using var all = session.Run(inputs);

        Assert.Equal(new long[] { 2, 3 }, named.First().GetTensorTypeAndShape().Shape);
        Assert.Equal(new[] { 11f, 22f, 33f, 44f, 55f, 66f }, named.First().GetTensorDataAsSpan<float>().ToArray());
        Assert.Equal(named.First().GetTensorDataAsSpan<float>().ToArray(), all.Single().GetTensorDataAsSpan<float>().ToArray());
    }

    [Fact]
    public void Bfloat16_bits_copied_with_their_type_cast_to_the_exact_floats()
    {
        using var session = fixture.Open(TestModels.Cast(DataType.Bfloat16, DataType.Float), "session_from_bf16.onnx");
        ushort[] bits = [0x3FC0, 0xC000, 0x4050, 0x0000, 0x3C00];
        using var x = OnnxTensors.CopyBits<ushort>(bits, ElementType.BFloat16, bits.Length);

        using var outputs = session.Run(new Dictionary<string, OrtValue> { ["X"] = x });

        Assert.Equal(new[] { 1.5f, -2f, 3.25f, 0f, 0.0078125f }, outputs.First().GetTensorDataAsSpan<float>().ToArray());
    }

    [Fact]
    public void Float16_bits_copied_with_their_type_cast_to_the_exact_floats()
    {
        using var session = fixture.Open(TestModels.Cast(DataType.Float16, DataType.Float), "session_from_f16.onnx");
        ushort[] bits = [0x3E00, 0xC000, 0x7BFF, 0x0001];   // 1.5, −2, 65504, the smallest subnormal 2^-24

        using var x = OnnxTensors.CopyBits<ushort>(bits, ElementType.Float16, bits.Length);
        using var outputs = session.Run(new Dictionary<string, OrtValue> { ["X"] = x });

        Assert.Equal(new[] { 1.5f, -2f, 65504f, MathF.Pow(2, -24) }, outputs.First().GetTensorDataAsSpan<float>().ToArray());
    }

    [Fact]
    public void A_buffer_that_does_not_fill_the_shape_exactly_is_refused_with_both_counts()
    {
        var error = Assert.Throws<TensorSizeMismatchException>(() => OnnxTensors.Wrap(new float[7], 2, 3));

        Assert.Equal((6L, 7L), (error.ExpectedElementCount, error.ActualElementCount));
        Assert.Equal("Tensor shape [2, 3] needs 6 elements; the buffer holds 7.", error.Message);
    }

    [Fact]
    public void Bit_copies_of_the_wrong_element_size_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => OnnxTensors.CopyBits<byte>(new byte[4], ElementType.Float16, 4));

        Assert.StartsWith("Byte elements are 1 bytes; Float16 elements are 2.", error.Message);
    }

    [Fact]
    public void Unknown_input_name_is_an_invalid_argument_naming_it()
    {
        using var session = fixture.Open(TestModels.Cast(DataType.Float, DataType.Float16), "session_bad_name.onnx");
        using var x = OnnxTensors.Wrap(new float[] { 1 }, 1);

        var error = Assert.Throws<OnnxRuntimeException>(() => session.Run(new Dictionary<string, OrtValue> { ["NotAnInput"] = x }));

        Assert.StartsWith("[ErrorCode:InvalidArgument]", error.Message);
        Assert.Contains("NotAnInput", error.Message);
    }

    [Fact]
    public void Missing_model_file_is_no_such_file()
    {
        using var options = new SessionSettings().CreateOptions(out _);
        var path = Path.Combine(fixture.Directory, "absent.onnx");

        var error = Assert.Throws<ModelLoadException>(() => new ModelSession(path, options));

        Assert.Equal(path, error.FilePath);
        Assert.StartsWith("[ErrorCode:NoSuchFile]", error.Detail);
        Assert.StartsWith($"{path}: ONNX Runtime cannot load the model: [ErrorCode:NoSuchFile]", error.Message);
        Assert.IsType<OnnxRuntimeException>(error.InnerException);
    }

    [Fact]
    public void Pre_cancelled_token_cancels_before_the_run()
    {
        using var session = fixture.Open(TestModels.AddFloat(), "session_precancel.onnx");
        using var a = OnnxTensors.Wrap(new float[3], 1, 3);
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        var error = Assert.Throws<OperationCanceledException>(
            () => session.Run(new Dictionary<string, OrtValue> { ["A"] = a, ["B"] = a }, cancellationToken: cancellation.Token));

        Assert.Equal(cancellation.Token, error.CancellationToken);
    }

    [Fact]
    public void A_token_cancelled_during_a_long_run_terminates_it_inside_ort()
    {
        // 48 chained 1024² MatMuls, cancelled a tenth of the way through a measured full run (a fixed delay was
        // longer than the whole run on a quiet machine, so the run finished before the token fired).
        const int N = 1024, Depth = 48;
        using var session = fixture.Open(TestModels.MatMulChain(N, Depth), "session_long.onnx");
        using var x = OnnxTensors.Wrap(new float[N * N], N, N);
        var inputs = new Dictionary<string, OrtValue> { ["X"] = x };
        var full = Stopwatch.StartNew();
        session.Run(inputs).Dispose();
        full.Stop();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(Math.Max(1, full.ElapsedMilliseconds / 10)));
        var clock = Stopwatch.StartNew();

        var error = Assert.Throws<OperationCanceledException>(
            () => session.Run(inputs, cancellationToken: cancellation.Token));

        clock.Stop();
        output.WriteLine($"full run {full.ElapsedMilliseconds} ms; cancelled run returned after {clock.ElapsedMilliseconds} ms");
        Assert.Equal(cancellation.Token, error.CancellationToken);
        Assert.IsType<OnnxRuntimeException>(error.InnerException);
        Assert.Contains("terminate", error.InnerException!.Message, StringComparison.OrdinalIgnoreCase);
    }
}
