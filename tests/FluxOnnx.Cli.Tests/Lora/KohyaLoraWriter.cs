using FluxOnnx.Converter.Safetensors;

namespace FluxOnnx.Cli.Tests.Lora;

/// <summary>
/// Writes a kohya/sd-scripts LoRA for the tiny fixture transformer (hidden 128, mlp 512): modules
/// <c>lora_unet_{module}.lora_down.weight</c> [rank, in], <c>.lora_up.weight</c> [out, rank] and <c>.alpha</c> (= rank,
/// so the file's own scale is 1), seeded uniform values. Up columns from <c>nonZeroRank</c> on are zero, so the file's
/// update really has that rank.
/// </summary>
internal static class KohyaLoraWriter
{
    /// <summary>(kohya module, in features, out features) on block Linears only, which all have run-time slots.</summary>
    public static readonly (string Module, long In, long Out)[] Modules =
    [
        ("double_blocks_0_img_attn_qkv", 128, 384),
        ("double_blocks_1_txt_mlp_0", 128, 512),
        ("single_blocks_0_linear2", 640, 128),
    ];

    public static string Write(string path, int rank, int seed, int? nonZeroRank = null, long hidden = 128)
    {
        var random = new Random(seed);
        var keep = nonZeroRank ?? rank;
        var tensors = new List<(string Name, long[] Shape, float[] Values)>();
        foreach (var (module, inF, outF) in Modules)
        {
            // Another model size: every width that is the hidden size scales with it.
            long Scale(long features) => features * hidden / 128;
            long i = Scale(inF), o = Scale(outF);
            var down = new float[rank * i];
            for (var k = 0; k < down.Length; k++)
            {
                down[k] = (float)((random.NextDouble() * 2 - 1) / Math.Sqrt(i));
            }
            var up = new float[o * rank];
            for (var k = 0; k < up.Length; k++)
            {
                up[k] = k % rank < keep ? (float)((random.NextDouble() * 2 - 1) * 0.8) : 0f;
            }
            var stem = "lora_unet_" + module;
            tensors.Add((stem + ".lora_down.weight", [rank, i], down));
            tensors.Add((stem + ".lora_up.weight", [o, rank], up));
            tensors.Add((stem + ".alpha", [], [rank]));
        }
        using var writer = SafetensorsWriter.Create(path, [.. tensors.Select(t => new SafetensorsTensorDeclaration(t.Name, ElementType.Float, t.Shape))]);
        foreach (var declaration in writer.WriteOrder)
        {
            writer.WriteTensor<float>(declaration.Name, tensors.Single(t => t.Name == declaration.Name).Values);
        }
        writer.Complete();
        return path;
    }

    /// <summary>The first <paramref name="rank"/> rank components of the file <see cref="Write"/> makes with the same seed and a larger rank.</summary>
    public static string WriteTruncation(string path, int fullRank, int rank, int seed)
    {
        var full = Write(path + ".full", fullRank, seed, nonZeroRank: rank);
        using (var source = SafetensorsFile.Open(full))
        {
            var tensors = new List<(string Name, long[] Shape, float[] Values)>();
            foreach (var (module, inF, outF) in Modules)
            {
                var stem = "lora_unet_" + module;
                var down = new float[fullRank * inF];
                source.ReadAsFloat32(stem + ".lora_down.weight", down);
                var up = new float[outF * fullRank];
                source.ReadAsFloat32(stem + ".lora_up.weight", up);
                var upKept = new float[outF * rank];
                for (long r = 0; r < outF; r++)
                {
                    Array.Copy(up, r * fullRank, upKept, r * rank, rank);
                }
                tensors.Add((stem + ".lora_down.weight", [rank, inF], down[..(int)(rank * inF)]));
                tensors.Add((stem + ".lora_up.weight", [outF, rank], upKept));
                tensors.Add((stem + ".alpha", [], [rank]));
            }
            using var writer = SafetensorsWriter.Create(path, [.. tensors.Select(t => new SafetensorsTensorDeclaration(t.Name, ElementType.Float, t.Shape))]);
            foreach (var declaration in writer.WriteOrder)
            {
                writer.WriteTensor<float>(declaration.Name, tensors.Single(t => t.Name == declaration.Name).Values);
            }
            writer.Complete();
        }
        File.Delete(full);
        return path;
    }
}
