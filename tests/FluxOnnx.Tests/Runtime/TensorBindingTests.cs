using FluxOnnx.Runtime;
using Xunit;

namespace FluxOnnx.Tests.Runtime;

[Collection(RuntimeCollection.Name)]
public sealed class TensorBindingTests(RuntimeFixture fixture)
{
    [Fact]
    public void Arrays_bound_once_are_read_and_written_in_place_on_every_run()
    {
        using var session = fixture.Open(TestModels.AddFloat(), "bind_arrays.onnx");
        float[] a = [1, 2, 3];
        float[] b = [10, 20, 30];
        float[] y = new float[3];
        using var binding = new TensorBinding(session);
        binding.Input("A", a, 1, 3);
        binding.Input("B", b, 1, 3);
        binding.Output("Y", y, 1, 3);

        binding.Run();
        var first = y.ToArray();
        a[0] = 100; // the bound tensor views this pinned array, so the next run sees the change
        b[2] = -30;
        binding.Run();

        Assert.Equal(new[] { 11f, 22f, 33f }, first);
        Assert.Equal(new[] { 110f, 22f, -27f }, y);
    }

    [Fact]
    public void A_wrongly_sized_array_is_refused_when_bound()
    {
        using var session = fixture.Open(TestModels.AddFloat(), "bind_bad.onnx");
        using var binding = new TensorBinding(session);

        var error = Assert.Throws<TensorSizeMismatchException>(() => binding.Output("Y", new float[2], 1, 3));

        Assert.Equal((3L, 2L), (error.ExpectedElementCount, error.ActualElementCount));
    }

    [Fact]
    public void A_cancelled_token_cancels_a_bound_run()
    {
        using var session = fixture.Open(TestModels.AddFloat(), "bind_cancel.onnx");
        using var binding = new TensorBinding(session);
        binding.Input("A", new float[3], 1, 3);
        binding.Input("B", new float[3], 1, 3);
        binding.Output("Y", new float[3], 1, 3);

        Assert.Throws<OperationCanceledException>(() => binding.Run(new CancellationToken(canceled: true)));
    }
}
