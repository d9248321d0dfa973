using System.Runtime.InteropServices;
using FluxOnnx.Converter.Tests.Formats;
using FluxOnnx.Converter.Numerics;

namespace FluxOnnx.Converter.Tests.Lora;

/// <summary>
/// Writes a LoRA file key by key in a format's real layout (written by the test, never by the code under test) and
/// records, for every pair, where its update lands in BFL's weights, so that <see cref="ApplyTo"/> can compute the
/// expected fused weights independently. Factors are seeded normals, small enough to keep the model stable and
/// large enough to move its output clearly.
/// </summary>
internal sealed class LoraFileBuilder(int seed)
{
    private readonly Random _random = new(seed);
    private readonly List<Action<ExpectedWeights, double>> _effects = [];

    public List<RawTensor> Tensors { get; } = [];

    /// <summary>A new pair: down [rank, in] and up [upRows, rank] as float32 (or bfloat16-exact values stored as BF16).</summary>
    public (float[] Down, float[] Up) Pair(string downKey, string upKey, int rank, long inFeatures, long upRows, bool bf16 = false)
    {
        var down = Normal(rank * inFeatures, 1 / Math.Sqrt(inFeatures), bf16);
        var up = Normal(upRows * rank, 0.5 / Math.Sqrt(rank), bf16);
        Add(downKey, [rank, inFeatures], down, bf16);
        Add(upKey, [upRows, rank], up, bf16);
        return (down, up);
    }

    public void Scalar(string key, float value) => Tensors.Add(RawTensor.Floats(key, [], [value]));

    public float[] Vector(string key, long length, double std, double mean = 0)
    {
        var v = Normal(length, std, false);
        for (var i = 0; i < v.Length; i++)
        {
            v[i] += (float)mean;
        }
        Tensors.Add(RawTensor.Floats(key, [length], v));
        return v;
    }

    public float[] Matrix(string key, long rows, long cols, double std)
    {
        var v = Normal(rows * cols, std, false);
        Tensors.Add(RawTensor.Floats(key, [rows, cols], v));
        return v;
    }

    /// <summary>Records that rows [upRowStart, upRowStart + rows) of (up·down)·scale land on rows [rowOffset, …) of <paramref name="weight"/>.</summary>
    public void Lands(string weight, long rowOffset, (float[] Down, float[] Up) pair, int rank, long upRowStart, long rows, double scale) =>
        _effects.Add((w, strength) => w.AddLowRank(weight, rowOffset, pair.Up, upRowStart, rows, rank, pair.Down, strength * scale));

    /// <summary>Records a whole pair landing on all rows of <paramref name="weight"/>.</summary>
    public void LandsWhole(string weight, (float[] Down, float[] Up) pair, int rank, double scale) =>
        Lands(weight, 0, pair, rank, 0, pair.Up.Length / rank, scale);

    public void Effect(Action<ExpectedWeights, double> effect) => _effects.Add(effect);

    public void ApplyTo(ExpectedWeights weights, double strength)
    {
        foreach (var effect in _effects)
        {
            effect(weights, strength);
        }
    }

    public string Save(string path)
    {
        RawTensor.Save(path, Tensors);
        return path;
    }

    private void Add(string key, long[] shape, float[] values, bool bf16)
    {
        if (!bf16)
        {
            Tensors.Add(RawTensor.Floats(key, shape, values));
            return;
        }
        // The values are bf16-exact (Normal truncated them), so the upper half of each float is the bf16 encoding.
        var bits = MemoryMarshal.Cast<float, uint>(values.AsSpan()).ToArray().Select(b => (ushort)(b >> 16)).ToArray();
        Tensors.Add(new RawTensor(key, ElementType.BFloat16, shape, MemoryMarshal.AsBytes(bits.AsSpan()).ToArray()));
    }

    private float[] Normal(long count, double std, bool bf16)
    {
        var v = new float[count];
        for (long i = 0; i < count; i++)
        {
            var u1 = 1.0 - _random.NextDouble();
            var u2 = _random.NextDouble();
            var x = (float)(std * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
            v[i] = bf16 ? BitConverter.UInt32BitsToSingle(BitConverter.SingleToUInt32Bits(x) & 0xFFFF0000u) : x;
        }
        return v;
    }
}
