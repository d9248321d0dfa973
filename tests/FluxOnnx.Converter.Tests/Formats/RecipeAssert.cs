using System.Runtime.InteropServices;
using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Weights;
using Xunit;

namespace FluxOnnx.Converter.Tests.Formats;

/// <summary>Compares a recipe's output with the reference checkpoint, tensor by tensor, through <c>Open(...).WriteTo</c>.</summary>
internal static class RecipeAssert
{
    /// <summary>The bytes <see cref="IWeightSource.Open"/> writes for <paramref name="name"/> as <paramref name="type"/>.</summary>
    public static byte[] Written(IWeightSource source, string name, ElementType type = ElementType.Float)
    {
        var tensor = source.Open(name, type) ?? throw new Xunit.Sdk.XunitException($"{name} is not offered");
        using var stream = new MemoryStream();
        tensor.WriteTo(stream, CancellationToken.None);
        Assert.Equal(tensor.ByteLength, stream.Length);
        return stream.ToArray();
    }

    /// <summary>
    /// <paramref name="source"/> offers exactly the names of <paramref name="reference"/>, with the same shapes, and
    /// every tensor written as float32 is bit-identical to the reference tensor up-cast to float32.
    /// </summary>
    public static void SameAsReference(IReadOnlyList<RawTensor> reference, IWeightSource source)
    {
        Assert.Equal(reference.Select(t => t.Name).Order(StringComparer.Ordinal), source.Names.Order(StringComparer.Ordinal));
        foreach (var expected in reference)
        {
            Assert.Equal(expected.Shape, source.ShapeOf(expected.Name));
            byte[] actual = Written(source, expected.Name);
            byte[] want = MemoryMarshal.AsBytes(expected.ToFloats().AsSpan()).ToArray();
            Assert.True(want.AsSpan().SequenceEqual(actual), $"{expected.Name}: bytes differ from the reference");
        }
    }

    public static float[] Floats(byte[] bytes) => MemoryMarshal.Cast<byte, float>(bytes).ToArray();
}
