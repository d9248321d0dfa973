namespace FluxOnnx.Noise;

/// <summary>
/// Bit-exact port of <c>torch.randn(shape, generator=g, dtype=...)</c> on CPU for a contiguous tensor, as torch 1.13
/// runs it (pytorch/pytorch <c>aten/src/ATen/native/cpu/DistributionTemplates.h</c> <c>normal_kernel</c>,
/// <c>normal_fill</c>, <c>normal_fill_16</c>).
/// </summary>
/// <remarks>
/// <para>Element order is the tensor's row-major order, so a batch [B, C, H, W] drawn at once is one stream (batch item 1
/// continues where item 0 stopped; it is not seed + 1).</para>
/// <para><b>n ≥ 16 elements</b> (<c>normal_fill</c>): first every element receives a uniform of the dtype
/// (<see cref="TorchCpuGenerator.UniformBFloat16"/> or <see cref="TorchCpuGenerator.UniformFloat"/>), one draw each, in
/// order. Then each block of 16 is transformed by Box–Muller pairing element j with j + 8 (j &lt; 8):
/// u1 = 1 − d[j], u2 = d[j + 8], radius = sqrt(−2 · log u1), θ = 2π · u2,
/// d[j] = radius · cos θ · std + mean, d[j + 8] = radius · sin θ · std + mean.
/// When n % 16 ≠ 0, 16 fresh uniforms overwrite the last 16 elements (overlapping the last full block, whose
/// results are discarded) and that window is transformed again.</para>
/// <para><b>bfloat16</b>: the scalar kernel runs on <c>c10::BFloat16</c>, so u1, log u1, radius, θ, cos θ and sin θ are each
/// rounded to bf16 (c10's <c>std::log/cos/sin/sqrt</c> overloads for reduced floats compute in float and return
/// BFloat16; θ is formed in double, narrowed to float, then to bf16); · std and + mean are BFloat16 operations too,
/// each rounded, and the + mean turns a −0 into +0. Verified bit-exactly against BFL
/// <c>get_noise</c> output from torch 1.13 (fixtures of seeds 42, 101, 303, 405).</para>
/// <para><b>float32</b>: torch dispatches to an AVX2 kernel (<c>normal_fill_AVX2</c>, polynomial log/sincos from
/// <c>avx_mathfun.h</c> and FMA) when its AVX2 build is selected, and to the portable scalar kernel otherwise. This port
/// emulates the portable kernel (float <c>logf</c>, <c>sqrtf</c>, <c>cosf</c>, <c>sinf</c>); against AVX2 builds expect
/// agreement to a few float32 ulps rather than bit-exactness.</para>
/// <para><b>n &lt; 16 elements</b>: each element is <see cref="TorchCpuGenerator.NextDoubleNormal"/> (with its cached
/// second sample) narrowed to the dtype.</para>
/// </remarks>
public static class TorchRandn
{
    /// <summary>Block length of <c>normal_fill_16</c>; smaller tensors take the per-element double path.</summary>
    public const int BlockSize = 16;

    /// <summary>Draws a new tensor of <paramref name="shape"/> (row-major) from a fresh <c>manual_seed(seed)</c> generator.</summary>
    public static float[] Randn(ReadOnlySpan<int> shape, ulong seed, RandnDType dtype) =>
        Randn(shape, new TorchCpuGenerator(seed), dtype);

    /// <summary>Draws a new tensor of <paramref name="shape"/> (row-major), advancing <paramref name="generator"/>.</summary>
    public static float[] Randn(ReadOnlySpan<int> shape, TorchCpuGenerator generator, RandnDType dtype)
    {
        long count = 1;
        foreach (var dim in shape)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(dim, nameof(shape));
            count = checked(count * dim);
        }
        var result = new float[count];
        Fill(result, generator, dtype);
        return result;
    }

    /// <summary>
    /// Fills <paramref name="destination"/> as <c>destination.normal_(mean, std, generator)</c> would fill a contiguous
    /// tensor of that many elements; for <see cref="RandnDType.BFloat16"/> every written value is bf16-exact.
    /// </summary>
    public static void Fill(Span<float> destination, TorchCpuGenerator generator, RandnDType dtype, double mean = 0, double std = 1)
    {
        ArgumentNullException.ThrowIfNull(generator);
        if (destination.Length < BlockSize)
        {
            for (var i = 0; i < destination.Length; i++)
            {
                var sample = (float)generator.NextDoubleNormal(mean, std);
                destination[i] = dtype == RandnDType.BFloat16 ? BFloat16Rounding.Round(sample) : sample;
            }
            return;
        }

        FillUniform(destination, generator, dtype);
        for (var i = 0; i + BlockSize <= destination.Length; i += BlockSize)
        {
            TransformBlock(destination.Slice(i, BlockSize), dtype, mean, std);
        }
        if (destination.Length % BlockSize != 0)
        {
            // Recompute the last 16 values with fresh uniforms (torch's tail handling).
            var tail = destination[^BlockSize..];
            FillUniform(tail, generator, dtype);
            TransformBlock(tail, dtype, mean, std);
        }
    }

    private static void FillUniform(Span<float> data, TorchCpuGenerator generator, RandnDType dtype)
    {
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = dtype == RandnDType.BFloat16 ? generator.UniformBFloat16() : generator.UniformFloat();
        }
    }

    private static void TransformBlock(Span<float> block, RandnDType dtype, double mean, double std)
    {
        if (dtype == RandnDType.BFloat16)
        {
            TransformBlockBFloat16(block, BFloat16Rounding.Round((float)mean), BFloat16Rounding.Round((float)std));
        }
        else
        {
            TransformBlockFloat(block, (float)mean, (float)std);
        }
    }

    // normal_fill_16<BFloat16>: every named intermediate is a BFloat16 (rounded), the final products run in float.
    private static void TransformBlockBFloat16(Span<float> d, float mean, float std)
    {
        for (var j = 0; j < 8; j++)
        {
            var u1 = BFloat16Rounding.Round(1f - d[j]);
            var u2 = d[j + 8];
            var log = BFloat16Rounding.Round(MathF.Log(u1));
            var radius = BFloat16Rounding.Round(MathF.Sqrt(-2f * log));
            var theta = BFloat16Rounding.Round((float)(2.0 * Math.PI * u2));
            var cos = BFloat16Rounding.Round(MathF.Cos(theta));
            var sin = BFloat16Rounding.Round(MathF.Sin(theta));
            // BFloat16 ⊗ BFloat16 returns a rounded BFloat16 (c10/util/BFloat16-inl.h), so each product and the sum round;
            // with mean 0 the final add still turns −0 into +0.
            d[j] = BFloat16Rounding.Round(BFloat16Rounding.Round(BFloat16Rounding.Round(radius * cos) * std) + mean);
            d[j + 8] = BFloat16Rounding.Round(BFloat16Rounding.Round(BFloat16Rounding.Round(radius * sin) * std) + mean);
        }
    }

    // normal_fill_16<float> (portable kernel): float math, θ formed in double then narrowed.
    private static void TransformBlockFloat(Span<float> d, float mean, float std)
    {
        for (var j = 0; j < 8; j++)
        {
            var u1 = 1f - d[j];
            var u2 = d[j + 8];
            var radius = MathF.Sqrt(-2f * MathF.Log(u1));
            var theta = (float)(2.0 * Math.PI * u2);
            d[j] = radius * MathF.Cos(theta) * std + mean;
            d[j + 8] = radius * MathF.Sin(theta) * std + mean;
        }
    }
}
