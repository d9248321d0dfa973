using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Weights;
using Xunit;

namespace FluxOnnx.Graphs.Tests.Autoencoder;

[Collection(AeCollection.Name)]
public sealed class PrefixFilteredWeightSourceTests(AeFixture ae)
{
    [Fact]
    public void Offers_only_names_under_the_prefix_unchanged()
    {
        var encoder = new PrefixFilteredWeightSource(ae.WholeCheckpoint, "encoder.");
        var decoder = new PrefixFilteredWeightSource(ae.WholeCheckpoint, "decoder.");

        Assert.All(encoder.Names, n => Assert.StartsWith("encoder.", n));
        Assert.All(decoder.Names, n => Assert.StartsWith("decoder.", n));
        Assert.Equal(ae.Checkpoint.Tensors.Count, encoder.Names.Count + decoder.Names.Count);
        Assert.Contains("encoder.conv_in.weight", encoder.Names);
        Assert.Equal(new long[] { 32, 3, 3, 3 }, encoder.ShapeOf("encoder.conv_in.weight"));
    }

    [Fact]
    public void Hides_shapes_and_data_outside_the_prefix()
    {
        var encoder = new PrefixFilteredWeightSource(ae.WholeCheckpoint, "encoder.");

        Assert.NotNull(ae.WholeCheckpoint.ShapeOf("decoder.conv_in.weight"));
        Assert.Null(encoder.ShapeOf("decoder.conv_in.weight"));
        Assert.Null(encoder.Open("decoder.conv_in.weight", ElementType.Float));
    }

    [Fact]
    public void Opens_tensors_under_the_prefix_with_their_bytes()
    {
        var encoder = new PrefixFilteredWeightSource(ae.WholeCheckpoint, "encoder.");

        var source = encoder.Open("encoder.conv_out.bias", ElementType.Float);

        Assert.NotNull(source);
        Assert.Equal(new long[] { 32 }, source.Dims);
        using var bytes = new MemoryStream();
        source.WriteTo(bytes, CancellationToken.None);
        var expected = new float[32];
        ae.Checkpoint.ReadAsFloat32("encoder.conv_out.bias", expected);
        Assert.Equal(expected, System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes.ToArray()).ToArray());
    }

    [Fact]
    public void An_empty_prefix_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new PrefixFilteredWeightSource(ae.WholeCheckpoint, ""));
    }
}
