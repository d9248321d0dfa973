using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Tensors;

namespace FluxOnnx.Bench.LargeModels;

/// <summary>
/// A model whose weights are generated while they are written: x [1, D] through <see cref="Layers"/> MatMuls with
/// square fp32 weights [D, D]. Weight element j of layer t is <see cref="Weight"/>(t, j), a multiple of 2⁻²¹ in
/// [0, 2⁻¹¹), exact in fp32, so the expected output can be recomputed without storing any weight. The sources fill
/// one reusable 1 MiB chunk at a time, so the writer never holds a whole tensor.
/// <code>
///   x [1, D] ─MatMul w.0 [D, D]─▶ ... ─MatMul w.{L-1} [D, D]─▶ y [1, D]
/// </code>
/// </summary>
internal sealed class ChainedMatMulModel
{
    private const int ChunkElements = 1 << 18;   // 1 MiB of fp32

    public ChainedMatMulModel(int layers, int dim)
    {
        Layers = layers;
        Dim = dim;
    }

    public int Layers { get; }

    public int Dim { get; }

    public long BytesPerLayer => (long)Dim * Dim * sizeof(float);

    /// <summary>Weight element <paramref name="index"/> (row-major in [D, D]) of layer <paramref name="layer"/>.</summary>
    public static float Weight(int layer, long index) => ((index * 7 + layer * 131) % 1024) * (1f / (1 << 21));

    public BuiltModel Build()
    {
        var g = new GraphBuilder(new GraphBuilderOptions { RootScope = "chain" });
        var h = g.Input("x", ElementType.Float, new Shape(1, Dim));
        for (int t = 0; t < Layers; t++)
        {
            using (g.Scope($"layer.{t}"))
            {
                int layer = t;
                h = g.MatMul(h, g.Initializer($"w.{t}", new DelegateTensorSource(ElementType.Float, [Dim, Dim],
                    (stream, token) => WriteLayer(layer, stream, token))));
            }
        }
        g.Output(h, "y");
        return g.Build();
    }

    private void WriteLayer(int layer, Stream destination, CancellationToken cancellationToken)
    {
        var chunk = new float[ChunkElements];
        long total = (long)Dim * Dim;
        for (long start = 0; start < total; start += ChunkElements)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = (int)Math.Min(ChunkElements, total - start);
            for (int i = 0; i < count; i++) chunk[i] = Weight(layer, start + i);
            destination.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(chunk.AsSpan(0, count)));
        }
    }

    /// <summary>x · w.0 · ... · w.{L-1} in double, regenerating each weight element.</summary>
    public double[] Reference(float[] x)
    {
        var v = x.Select(e => (double)e).ToArray();
        for (int t = 0; t < Layers; t++)
        {
            var next = new double[Dim];
            for (int k = 0; k < Dim; k++)
            {
                double vk = v[k];
                long row = (long)k * Dim;
                for (int n = 0; n < Dim; n++) next[n] += vk * Weight(t, row + n);
            }
            v = next;
        }
        return v;
    }
}
