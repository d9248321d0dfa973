using FluxOnnx.Ort;
using Xunit;

namespace FluxOnnx.Tests.Ort;

[Collection(OrtCollection.Name)]
public sealed class OrtIoBindingTests
{
    private readonly OrtFixture _ort;

    public OrtIoBindingTests(OrtFixture ort) => _ort = ort;

    [Fact]
    public void Binding_to_preallocated_output_is_reused_over_two_runs()
    {
        using var session = _ort.Open(TestModels.AddFloat(), "bind_prealloc.onnx");
        float[] a = [1, 2, 3];
        float[] b = [10, 20, 30];
        float[] y = new float[3];
        using var va = OrtValue.CreateTensor(_ort.Library, a.AsMemory(), [1, 3]);
        using var vb = OrtValue.CreateTensor(_ort.Library, b.AsMemory(), [1, 3]);
        using var vy = OrtValue.CreateTensor(_ort.Library, y.AsMemory(), [1, 3]);
        using var binding = session.CreateIoBinding();
        binding.BindInput("A", va);
        binding.BindInput("B", vb);
        binding.BindOutput("Y", vy);

        session.RunWithBinding(binding);
        var first = y.ToArray();
        a[0] = 100; // the input tensor views this pinned array, so the next run sees the change
        b[2] = -30;
        session.RunWithBinding(binding);

        Assert.Equal(new[] { 11f, 22f, 33f }, first);
        Assert.Equal(new[] { 110f, 22f, -27f }, y);
        Assert.Equal(new[] { "Y" }, binding.GetBoundOutputNames());
    }

    [Fact]
    public void Output_bound_to_cpu_is_allocated_by_ort_and_read_back()
    {
        using var session = _ort.Open(TestModels.AddFloat(), "bind_cpu.onnx");
        float[] a = [1, 2, 3, 4, 5, 6];
        using var va = OrtValue.CreateTensor(_ort.Library, a.AsMemory(), [2, 3]);
        using var binding = session.CreateIoBinding();
        binding.BindInput("A", va);
        binding.BindInput("B", va);
        binding.BindOutputToCpu("Y");

        session.RunWithBinding(binding);
        using var outputs = binding.GetBoundOutputValues();

        Assert.Equal(new[] { "Y" }, outputs.Names);
        Assert.Equal(new long[] { 2, 3 }, outputs["Y"].Shape);
        Assert.Equal(a.Select(v => v * 2).ToArray(), outputs["Y"].GetTensorData<float>().ToArray());
    }

    [Fact]
    public void Clearing_outputs_empties_the_bound_names_and_values()
    {
        using var session = _ort.Open(TestModels.AddFloat(), "bind_clear.onnx");
        using var va = OrtValue.CreateTensor(_ort.Library, new float[3].AsMemory(), [1, 3]);
        using var binding = session.CreateIoBinding();
        binding.BindInput("A", va);
        binding.BindInput("B", va);
        binding.BindOutputToCpu("Y");

        binding.ClearBoundOutputs();
        binding.ClearBoundInputs();

        Assert.Empty(binding.GetBoundOutputNames());
        using var outputs = binding.GetBoundOutputValues();
        Assert.Empty(outputs);
    }

    [Fact]
    public void Preallocated_tensor_from_ort_allocator_receives_the_output()
    {
        using var session = _ort.Open(TestModels.AddFloat(), "bind_ort_alloc.onnx");
        float[] a = [0.5f, 1.5f, 2.5f];
        using var va = OrtValue.CreateTensor(_ort.Library, a.AsMemory(), [1, 3]);
        using var vy = OrtValue.AllocateTensor(_ort.Library, OrtElementType.Float, [1, 3]);
        using var binding = session.CreateIoBinding();
        binding.BindInput("A", va);
        binding.BindInput("B", va);
        binding.BindOutput("Y", vy);

        session.RunWithBinding(binding);

        Assert.Equal(new[] { 1f, 3f, 5f }, vy.GetTensorData<float>().ToArray());
    }

    [Fact]
    public void Pre_cancelled_token_cancels_a_bound_run()
    {
        using var session = _ort.Open(TestModels.AddFloat(), "bind_cancel.onnx");
        using var va = OrtValue.CreateTensor(_ort.Library, new float[3].AsMemory(), [1, 3]);
        using var binding = session.CreateIoBinding();
        binding.BindInput("A", va);
        binding.BindInput("B", va);
        binding.BindOutputToCpu("Y");

        Assert.Throws<OperationCanceledException>(() => session.RunWithBinding(binding, cancellationToken: new CancellationToken(true)));
    }
}
