using FluxOnnx.Ort;
using Xunit;
using DataType = FluxOnnx.Graphs.Onnx.TensorProto.Types.DataType;

namespace FluxOnnx.Tests.Ort;

[Collection(OrtCollection.Name)]
public sealed class OrtRunTests
{
    private readonly OrtFixture _ort;

    public OrtRunTests(OrtFixture ort) => _ort = ort;

    private OrtLibrary Library => _ort.Library;

    [Fact]
    public void Add_over_a_symbolic_batch_matches_elementwise_sum()
    {
        using var session = _ort.Open(TestModels.AddFloat(), "run_add.onnx");
        float[] a = [1.5f, -2f, 3.25f, 0f, 10f, -7.5f];
        float[] b = [0.5f, 4f, -1.25f, 2f, -10f, 0.25f];
        using var va = OrtValue.CreateTensor(Library, a.AsMemory(), [2, 3]);
        using var vb = OrtValue.CreateTensor(Library, b.AsMemory(), [2, 3]);

        using var outputs = session.Run([new("A", va), new("B", vb)]);

        var y = outputs["Y"];
        Assert.Equal(OrtElementType.Float, y.ElementType);
        Assert.Equal(new long[] { 2, 3 }, y.Shape);
        Assert.Equal(a.Zip(b, (p, q) => p + q).ToArray(), y.GetTensorData<float>().ToArray());
    }

    [Fact]
    public void MatMul_matches_a_reference_product()
    {
        var model = TestModels.Model(
            [TestModels.Node("MatMul", ["A", "B"], ["Y"])],
            [TestModels.Tensor("A", DataType.Float, 2, 3), TestModels.Tensor("B", DataType.Float, 3, 2)],
            [TestModels.Tensor("Y", DataType.Float, 2, 2)]);
        using var session = _ort.Open(model, "run_matmul.onnx");
        float[] a = [1, 2, 3, 4, 5, 6];
        float[] b = [7, 8, 9, 10, 11, 12];
        var expected = new float[4];
        for (var i = 0; i < 2; i++)
        {
            for (var j = 0; j < 2; j++)
            {
                for (var k = 0; k < 3; k++)
                {
                    expected[(i * 2) + j] += a[(i * 3) + k] * b[(k * 2) + j];
                }
            }
        }
        using var va = OrtValue.CreateTensor(Library, a.AsMemory(), [2, 3]);
        using var vb = OrtValue.CreateTensor(Library, b.AsMemory(), [3, 2]);

        using var outputs = session.Run([new("A", va), new("B", vb)]);

        Assert.Equal(new[] { 58f, 64f, 139f, 154f }, expected);
        Assert.Equal(expected, outputs[0].GetTensorData<float>().ToArray());
    }

    [Fact]
    public void Cast_float_to_float16_gives_the_half_values()
    {
        using var session = _ort.Open(TestModels.Cast(DataType.Float, DataType.Float16), "run_to_f16.onnx");
        float[] x = [1.5f, -2f, 0.099975586f, 65504f, -0.000061035156f];
        using var vx = OrtValue.CreateTensor(Library, x.AsMemory(), [x.Length]);

        using var outputs = session.Run([new("X", vx)]);

        Assert.Equal(OrtElementType.Float16, outputs[0].ElementType);
        Assert.Equal(x.Select(v => (Half)v).ToArray(), outputs[0].GetTensorData<Half>().ToArray());
    }

    [Fact]
    public void Cast_float_to_bfloat16_keeps_the_upper_16_bits_of_exact_values()
    {
        using var session = _ort.Open(TestModels.Cast(DataType.Float, DataType.Bfloat16), "run_to_bf16.onnx");
        float[] x = [1.5f, -2f, 3.25f, 0f, 1024f, -0.0078125f];
        using var vx = OrtValue.CreateTensor(Library, x.AsMemory(), [x.Length]);

        using var outputs = session.Run([new("X", vx)]);

        Assert.Equal(OrtElementType.BFloat16, outputs[0].ElementType);
        var expected = x.Select(v => (ushort)(BitConverter.SingleToUInt32Bits(v) >> 16)).ToArray();
        Assert.Equal(expected, outputs[0].GetTensorData<ushort>().ToArray());
    }

    [Fact]
    public void Bfloat16_input_given_as_ushort_with_explicit_type_casts_to_float()
    {
        using var session = _ort.Open(TestModels.Cast(DataType.Bfloat16, DataType.Float), "run_from_bf16.onnx");
        ushort[] bits = [0x3FC0, 0xC000, 0x4050, 0x0000, 0x3C00];
        using var vx = OrtValue.CreateTensor(Library, bits.AsMemory(), [bits.Length], OrtElementType.BFloat16);

        using var outputs = session.Run([new("X", vx)]);

        var expected = bits.Select(b => BitConverter.UInt32BitsToSingle((uint)b << 16)).ToArray();
        Assert.Equal(new[] { 1.5f, -2f, 3.25f, 0f, 0.0078125f }, expected);
        Assert.Equal(expected, outputs[0].GetTensorData<float>().ToArray());
    }

    [Fact]
    public void Float16_inputs_add_in_half_precision()
    {
        using var session = _ort.Open(TestModels.Binary("Add", DataType.Float16, DataType.Float16), "run_add_f16.onnx");
        Half[] a = [(Half)1.5f, (Half)(-2f), (Half)0.25f];
        Half[] b = [(Half)0.5f, (Half)3f, (Half)0.125f];
        using var va = OrtValue.CreateTensor(Library, a.AsMemory(), [3]);
        using var vb = OrtValue.CreateTensor(Library, b.AsMemory(), [3]);

        using var outputs = session.Run([new("A", va), new("B", vb)]);

        Assert.Equal(new[] { (Half)2f, (Half)1f, (Half)0.375f }, outputs[0].GetTensorData<Half>().ToArray());
    }

    [Theory]
    [InlineData(DataType.Float8E4M3Fn, OrtElementType.Float8E4M3FN)]
    [InlineData(DataType.Float8E5M2, OrtElementType.Float8E5M2)]
    public void Float8_input_given_as_bytes_with_explicit_type_casts_to_float(DataType protoType, OrtElementType elementType)
    {
        using var session = _ort.Open(TestModels.Cast(protoType, DataType.Float), $"run_from_{elementType}.onnx");
        byte[] bits = [0x38, 0x40, 0xC0, 0x3C, 0x01, 0x00, 0x5A];
        using var vx = OrtValue.CreateTensor(Library, bits.AsMemory(), [bits.Length], elementType);

        using var outputs = session.Run([new("X", vx)]);

        Func<byte, float> decode = elementType == OrtElementType.Float8E4M3FN
            ? Float8Reference.DecodeE4M3FN
            : Float8Reference.DecodeE5M2;
        Assert.Equal(bits.Select(decode).ToArray(), outputs[0].GetTensorData<float>().ToArray());
    }

    [Fact]
    public void Int64_add_is_exact_beyond_float_precision()
    {
        using var session = _ort.Open(TestModels.Binary("Add", DataType.Int64, DataType.Int64), "run_add_i64.onnx");
        long[] a = [9_007_199_254_740_993, -5, 0];
        long[] b = [2, 7, long.MinValue];
        using var va = OrtValue.CreateTensor(Library, a.AsMemory(), [3]);
        using var vb = OrtValue.CreateTensor(Library, b.AsMemory(), [3]);

        using var outputs = session.Run([new("A", va), new("B", vb)]);

        Assert.Equal(new[] { 9_007_199_254_740_995, 2, long.MinValue }, outputs[0].GetTensorData<long>().ToArray());
    }

    [Fact]
    public void Int32_multiply_matches()
    {
        using var session = _ort.Open(TestModels.Binary("Mul", DataType.Int32, DataType.Int32), "run_mul_i32.onnx");
        int[] a = [3, -4, 46341];
        int[] b = [-7, -8, 2];
        using var va = OrtValue.CreateTensor(Library, a.AsMemory(), [3]);
        using var vb = OrtValue.CreateTensor(Library, b.AsMemory(), [3]);

        using var outputs = session.Run([new("A", va), new("B", vb)]);

        Assert.Equal(new[] { -21, 32, 92682 }, outputs[0].GetTensorData<int>().ToArray());
    }

    [Fact]
    public void Uint8_and_int8_inputs_cast_to_int32()
    {
        using var u8 = _ort.Open(TestModels.Cast(DataType.Uint8, DataType.Int32), "run_u8.onnx");
        using var i8 = _ort.Open(TestModels.Cast(DataType.Int8, DataType.Int32), "run_i8.onnx");
        byte[] unsigned = [0, 127, 255];
        sbyte[] signed = [-128, -1, 127];
        using var vu = OrtValue.CreateTensor(Library, unsigned.AsMemory(), [3]);
        using var vi = OrtValue.CreateTensor(Library, signed.AsMemory(), [3]);

        using var outU = u8.Run([new("X", vu)]);
        using var outI = i8.Run([new("X", vi)]);

        Assert.Equal(OrtElementType.UInt8, u8.Inputs[0].ElementType);
        Assert.Equal(new[] { 0, 127, 255 }, outU[0].GetTensorData<int>().ToArray());
        Assert.Equal(new[] { -128, -1, 127 }, outI[0].GetTensorData<int>().ToArray());
    }

    [Fact]
    public void Bool_and_matches_the_truth_table()
    {
        using var session = _ort.Open(TestModels.Binary("And", DataType.Bool, DataType.Bool), "run_and.onnx");
        bool[] a = [true, true, false, false];
        bool[] b = [true, false, true, false];
        using var va = OrtValue.CreateTensor(Library, a.AsMemory(), [4]);
        using var vb = OrtValue.CreateTensor(Library, b.AsMemory(), [4]);

        using var outputs = session.Run([new("A", va), new("B", vb)]);

        Assert.Equal(OrtElementType.Bool, outputs[0].ElementType);
        Assert.Equal(new[] { true, false, false, false }, outputs[0].GetTensorData<bool>().ToArray());
    }

    [Fact]
    public void Unknown_input_name_throws_invalid_argument()
    {
        using var session = _ort.Open(TestModels.Cast(DataType.Float, DataType.Float16), "run_bad_name.onnx");
        using var vx = OrtValue.CreateTensor(Library, new float[] { 1 }.AsMemory(), [1]);

        var error = Assert.Throws<OrtException>(() => session.Run([new("NotAnInput", vx)]));

        Assert.Equal(OrtErrorCode.InvalidArgument, error.ErrorCode);
        Assert.Contains("NotAnInput", error.OrtMessage);
    }

    [Fact]
    public void Pre_cancelled_token_terminates_the_run_with_operation_canceled()
    {
        using var session = _ort.Open(TestModels.AddFloat(), "run_cancel.onnx");
        using var va = OrtValue.CreateTensor(Library, new float[3].AsMemory(), [1, 3]);
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        var error = Assert.Throws<OperationCanceledException>(
            () => session.Run([new("A", va), new("B", va)], cancellationToken: cancellation.Token));

        Assert.Equal(cancellation.Token, error.CancellationToken);
        Assert.IsType<OrtException>(error.InnerException);
    }

    [Fact]
    public void Terminated_run_options_fail_the_run_until_reset()
    {
        using var session = _ort.Open(TestModels.AddFloat(), "run_terminate.onnx");
        float[] data = [1, 2, 3];
        using var va = OrtValue.CreateTensor(Library, data.AsMemory(), [1, 3]);
        using var runOptions = new OrtRunOptions(Library);
        runOptions.SetTag("terminate-test");
        runOptions.SetLogSeverity(OrtLogLevel.Error);

        runOptions.Terminate();
        var error = Assert.Throws<OrtException>(() => session.Run([new("A", va), new("B", va)], runOptions: runOptions));
        runOptions.ResetTerminate();
        using var outputs = session.Run([new("A", va), new("B", va)], runOptions: runOptions);

        Assert.Equal(OrtErrorCode.Fail, error.ErrorCode);
        Assert.Equal(new[] { 2f, 4f, 6f }, outputs[0].GetTensorData<float>().ToArray());
    }
}
