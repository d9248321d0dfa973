using System.Buffers.Binary;
using FluxOnnx.Bench.Flux;
using FluxOnnx.Converter.Safetensors;
using FluxOnnx.Graphs.Models.Flux;
using FluxOnnx.Converter.Numerics;

namespace FluxOnnx.Bench.Conversion;

/// <summary>
/// Writes a BFL-named bfloat16 FLUX transformer checkpoint for any config (like <c>flux1-schnell.safetensors</c>
/// at full depth: 19 + 38 blocks, hidden 3072, about 23.8 GB) through the streaming <see cref="SafetensorsWriter"/>.
/// Memory stays at one 1 MiB chunk: values come from a seeded 1 MiB table of bfloat16 numbers in ±0.02, each tensor
/// reading it from its own name-derived start (cheap, seeded, not constant); norm scales are 1.
/// </summary>
internal static class SyntheticFluxCheckpoint
{
    private const int ChunkElements = 1 << 19; // 1 MiB of bfloat16
    private const ushort One = 0x3F80;         // bfloat16 1.0

    /// <summary>The tensors the checkpoint holds, with their byte sizes.</summary>
    public static IReadOnlyList<(string Name, long[] Shape, long Bytes)> Tensors(FluxConfig config) =>
        [.. FluxCheckpointShapes.Of(config).Select(kv => (kv.Key, kv.Value, kv.Value.Aggregate(2L, (n, d) => n * d)))];

    /// <summary>Writes the checkpoint to <paramref name="path"/> (temp file + rename, by the writer).</summary>
    /// <returns>The file's size in bytes.</returns>
    public static long Write(string path, FluxConfig config, int seed = 1234, CancellationToken cancellationToken = default)
    {
        var tensors = Tensors(config);
        var table = Table(seed);
        var chunk = new byte[ChunkElements * 2];
        using (var writer = SafetensorsWriter.Create(path,
            tensors.Select(t => new SafetensorsTensorDeclaration(t.Name, ElementType.BFloat16, t.Shape)),
            new Dictionary<string, string> { ["format"] = "pt", ["generator"] = "FluxOnnx.Bench SyntheticFluxCheckpoint" }))
        {
            var byName = tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
            foreach (var declaration in writer.WriteOrder)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var bytes = byName[declaration.Name].Bytes;
                bool scale = declaration.Name.EndsWith(".scale", StringComparison.Ordinal);
                int start = (int)((uint)StableHash(declaration.Name) % ChunkElements);
                writer.BeginTensor(declaration.Name);
                for (long done = 0; done < bytes; done += chunk.Length)
                {
                    int n = (int)Math.Min(chunk.Length, bytes - done);
                    Fill(chunk.AsSpan(0, n), table, scale ? -1 : (int)((start + done / 2) % ChunkElements));
                    writer.Write(chunk.AsSpan(0, n));
                }
                writer.EndTensor();
            }
            writer.Complete();
        }
        return new FileInfo(path).Length;
    }

    /// <summary>Fills little-endian bfloat16 values from the table starting at <paramref name="from"/>; −1 fills with 1.0.</summary>
    private static void Fill(Span<byte> destination, ushort[] table, int from)
    {
        for (int i = 0, j = from; i < destination.Length; i += 2)
        {
            ushort value = from < 0 ? One : table[j];
            BinaryPrimitives.WriteUInt16LittleEndian(destination[i..], value);
            if (++j == table.Length) j = 0;
        }
    }

    private static ushort[] Table(int seed)
    {
        var random = new Random(seed);
        var table = new ushort[ChunkElements];
        for (int i = 0; i < table.Length; i++)
        {
            float value = 0.02f * (2 * random.NextSingle() - 1);
            table[i] = (ushort)(BitConverter.SingleToUInt32Bits(value) >> 16); // truncation to bfloat16
        }
        return table;
    }

    private static int StableHash(string s)
    {
        unchecked
        {
            int h = (int)2166136261;
            foreach (char c in s) h = (h ^ c) * 16777619;
            return h;
        }
    }
}
