using FluxOnnx.Packaging;
using FluxOnnx.Graphs.Models.Autoencoder;
using FluxOnnx.Runtime;
using FluxOnnx.TestSupport;
using Xunit;
using Xunit.Abstractions;
using FluxOnnx.Graphs.Layers;

namespace FluxOnnx.Graphs.Tests.Autoencoder;

/// <summary>
/// The encoder and decoder graphs, run by ORT on the <c>ae_roundtrip_128x128</c> case, against BFL's float32
/// reference (flux <c>AutoEncoder.encode</c> / <c>decode</c>) within the manifest's suggested tolerance.
/// </summary>
[Collection(AeCollection.Name)]
public sealed class AutoencoderParityTests(AeFixture ae, ITestOutputHelper output)
{
    [Theory]
    [InlineData(AttentionForm.MultiHeadAttention)]
    [InlineData(AttentionForm.OnnxAttention)]
    [InlineData(AttentionForm.Decomposed)]
    public void Encoder_maps_x_to_the_reference_latent(AttentionForm attention)
    {
        var (session, _) = ae.Open(encoder: true, attention);
        using (session)
        {
            var x = ae.CaseTensor("x");
            using var input = OnnxTensors.Wrap(x, ae.CaseShape("x"));

            using var outputs = NamedOutputs.Run(session, (FluxIo.Images, input));

            var latent = outputs[FluxIo.Latent];
            Assert.Equal(ae.CaseShape("z"), latent.GetTensorTypeAndShape().Shape);
            double error = MaxAbsError(ae.CaseTensor("z"), latent.GetTensorDataAsSpan<float>());
            output.WriteLine($"encoder ({attention}): max |latent - z| = {error:E3} (atol {ae.SuggestedAtol})");
            Assert.InRange(error, 0, ae.SuggestedAtol);
        }
    }

    [Theory]
    [InlineData(AttentionForm.MultiHeadAttention)]
    [InlineData(AttentionForm.OnnxAttention)]
    [InlineData(AttentionForm.Decomposed)]
    public void Decoder_maps_the_reference_latent_to_the_reference_decoded_image(AttentionForm attention)
    {
        var (session, _) = ae.Open(encoder: false, attention);
        using (session)
        {
            var z = ae.CaseTensor("z");
            using var input = OnnxTensors.Wrap(z, ae.CaseShape("z"));

            using var outputs = NamedOutputs.Run(session, (FluxIo.Latent, input));

            var images = outputs[FluxIo.Images];
            Assert.Equal(ae.CaseShape("decoded"), images.GetTensorTypeAndShape().Shape);
            var decoded = ae.CaseTensor("decoded");
            double error = MaxAbsError(decoded, images.GetTensorDataAsSpan<float>());
            output.WriteLine($"decoder ({attention}): max |images - decoded| = {error:E3} (atol {ae.SuggestedAtol})");
            Assert.InRange(error, 0, ae.SuggestedAtol);
            // Raw output, not clamped: the reference itself leaves [-1, 1] on this random-weight model.
            Assert.True(decoded.Max(Math.Abs) > 1f);
            Assert.Equal(decoded.Max(Math.Abs), images.GetTensorDataAsSpan<float>().ToArray().Max(Math.Abs), 3);
        }
    }

    [Fact]
    public void Decoder_takes_any_latent_height_and_width()
    {
        var (session, _) = ae.Open(encoder: false, AttentionForm.MultiHeadAttention);
        using (session)
        {
            // The top-left 8×12 corner of the reference latent: a non-square size the graph was not built for.
            var z = ae.CaseTensor("z");
            long[] shape = ae.CaseShape("z"); // [1, 16, 16, 16]
            var corner = new float[16 * 8 * 12];
            for (int c = 0; c < 16; c++)
                for (int y = 0; y < 8; y++)
                    for (int x = 0; x < 12; x++)
                        corner[(c * 8 + y) * 12 + x] = z[(c * shape[2] + y) * shape[3] + x];
            using var input = OnnxTensors.Wrap(corner, [1, 16, 8, 12]);

            using var outputs = NamedOutputs.Run(session, (FluxIo.Latent, input));

            var images = outputs[FluxIo.Images];
            Assert.Equal(new long[] { 1, 3, 64, 96 }, images.GetTensorTypeAndShape().Shape);
            Assert.All(images.GetTensorDataAsSpan<float>().ToArray(), v => Assert.True(float.IsFinite(v)));
        }
    }

    [Fact]
    public void Encoder_takes_a_batch_and_a_non_square_size()
    {
        var (session, _) = ae.Open(encoder: true, AttentionForm.MultiHeadAttention);
        using (session)
        {
            // Two copies of x's top 64 rows: [2, 3, 64, 128] → [2, 16, 8, 16], both items equal.
            var x = ae.CaseTensor("x");
            var top = new float[2 * 3 * 64 * 128];
            for (int b = 0; b < 2; b++)
                for (int c = 0; c < 3; c++)
                    Array.Copy(x, c * 128 * 128, top, (b * 3 + c) * 64 * 128, 64 * 128);
            using var input = OnnxTensors.Wrap(top, [2, 3, 64, 128]);

            using var outputs = NamedOutputs.Run(session, (FluxIo.Images, input));

            var latent = outputs[FluxIo.Latent];
            Assert.Equal(new long[] { 2, 16, 8, 16 }, latent.GetTensorTypeAndShape().Shape);
            var values = latent.GetTensorDataAsSpan<float>().ToArray();
            Assert.Equal(values[..(values.Length / 2)], values[(values.Length / 2)..]);
        }
    }

    private static double MaxAbsError(float[] expected, ReadOnlySpan<float> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        double max = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            max = Math.Max(max, Math.Abs((double)expected[i] - actual[i]));
        }
        return max;
    }
}
