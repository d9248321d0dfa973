namespace FluxOnnx.Noise;

/// <summary>
/// PyTorch's CPU generator (<c>at::CPUGeneratorImpl</c>, pytorch/pytorch <c>aten/src/ATen/CPUGeneratorImpl.cpp</c>):
/// an <see cref="Mt19937"/> plus the cached second Box–Muller sample of the double normal distribution.
/// </summary>
/// <remarks>
/// <c>new TorchCpuGenerator(seed)</c> is the state of <c>torch.Generator().manual_seed(seed)</c>. Uniform conversions follow
/// <c>aten/src/ATen/core/TransformationHelper.h</c> <c>uniform_real</c>: keep the low <c>digits</c> bits of a draw
/// (24 for float, 53 for double from <see cref="Random64"/>, 8 for bfloat16) and scale by 2^−digits, so every value
/// lies in [0, 1). Not thread-safe: torch locks the generator per kernel call; callers here own one instance each.
/// </remarks>
public sealed class TorchCpuGenerator
{
    private readonly Mt19937 _engine;
    private double? _nextDoubleNormal;

    /// <summary>Creates the generator state of <c>torch.Generator().manual_seed(seed)</c>.</summary>
    public TorchCpuGenerator(ulong seed)
    {
        _engine = new Mt19937(seed);
    }

    /// <summary>The seed given to the constructor (torch's <c>initial_seed()</c>).</summary>
    public ulong Seed => _engine.Seed;

    /// <summary>One 32-bit draw (<c>CPUGeneratorImpl::random()</c>).</summary>
    public uint Random() => _engine.NextUInt32();

    /// <summary>Two draws joined as (first ≪ 32) | second (<c>CPUGeneratorImpl::random64()</c>).</summary>
    public ulong Random64()
    {
        ulong hi = _engine.NextUInt32();
        ulong lo = _engine.NextUInt32();
        return (hi << 32) | lo;
    }

    /// <summary>
    /// <c>at::uniform_real_distribution&lt;float&gt;(0, 1)</c>: (random() &amp; 0xFFFFFF) · 2^−24, one 32-bit draw.
    /// </summary>
    public float UniformFloat() => (Random() & 0xFFFFFF) * (1.0f / (1 << 24));

    /// <summary>
    /// <c>at::uniform_real_distribution&lt;BFloat16&gt;(0, 1)</c>: (random() &amp; 0xFF) · 2^−8, one 32-bit draw;
    /// the result is exactly representable in bfloat16.
    /// </summary>
    public float UniformBFloat16() => (Random() & 0xFF) * (1.0f / 256);

    /// <summary>
    /// <c>at::uniform_real_distribution&lt;double&gt;(0, 1)</c>: (random64() &amp; (2^53 − 1)) · 2^−53, two 32-bit draws.
    /// </summary>
    public double UniformDouble() => (Random64() & ((1UL << 53) - 1)) * (1.0 / (1UL << 53));

    /// <summary>
    /// <c>at::normal_distribution&lt;double&gt;</c> as torch 1.13 computes it (<c>aten/src/ATen/core/DistributionsHelper.h</c>):
    /// returns a cached sample if one is pending; otherwise draws u1, u2 (<see cref="UniformDouble"/>),
    /// r = sqrt(−2 · log(1 − u2)), θ = 2π · u1, caches r · sin θ and returns r · cos θ; then applies · std + mean.
    /// </summary>
    /// <remarks>
    /// This is the path of <c>torch.randn</c> for tensors with fewer than 16 elements (or non-contiguous ones).
    /// Newer torch releases write <c>log1p(−u2)</c>, which can differ in the last bit; 1.13 (the fixtures' torch) uses
    /// <c>log(1 − u2)</c>.
    /// </remarks>
    public double NextDoubleNormal(double mean = 0, double std = 1)
    {
        if (_nextDoubleNormal is { } cached)
        {
            _nextDoubleNormal = null;
            return cached * std + mean;
        }
        var u1 = UniformDouble();
        var u2 = UniformDouble();
        var r = Math.Sqrt(-2.0 * Math.Log(1.0 - u2));
        var theta = 2.0 * Math.PI * u1;
        _nextDoubleNormal = r * Math.Sin(theta);
        return r * Math.Cos(theta) * std + mean;
    }
}
