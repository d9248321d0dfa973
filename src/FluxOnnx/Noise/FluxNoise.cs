namespace FluxOnnx.Noise;

/// <summary>
/// BFL's initial latent noise (black-forest-labs/flux <c>src/flux/sampling.py</c> <c>get_noise</c>):
/// <c>torch.randn(B, 16, 2·ceil(H/16), 2·ceil(W/16), dtype=bfloat16, generator=torch.Generator().manual_seed(seed))</c>.
/// </summary>
public static class FluxNoise
{
    /// <summary>Latent channels of the FLUX.1 autoencoder.</summary>
    public const int LatentChannels = 16;

    /// <summary>The FLUX.1 autoencoder's spatial reduction.</summary>
    public const int Downsample = 8;

    /// <summary>
    /// Shape [B, 16, 2·ceil(H/16), 2·ceil(W/16)] that <c>get_noise</c> draws for an image of <paramref name="height"/> ×
    /// <paramref name="width"/> pixels; for another latent space, [B, channels, 2·ceil(H/(2·downsample)), 2·ceil(W/(2·downsample))].
    /// </summary>
    public static int[] Shape(int batch, int height, int width, int channels = LatentChannels, int downsample = Downsample)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batch);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(downsample);
        var cell = 2 * downsample;
        return [batch, channels, 2 * ((height + cell - 1) / cell), 2 * ((width + cell - 1) / cell)];
    }

    /// <summary>
    /// Exactly what <c>get_noise(batch, height, width, dtype, seed)</c> returns: one generator, one draw for the whole
    /// batch, row-major [B, 16, h, w]. For B &gt; 1 item b is not the noise of seed + b.
    /// </summary>
    public static float[] GetNoise(int batch, int height, int width, ulong seed, int channels = LatentChannels,
        int downsample = Downsample, RandnDType dtype = RandnDType.BFloat16) =>
        TorchRandn.Randn(Shape(batch, height, width, channels, downsample), seed, dtype);

    /// <summary>
    /// One independent <c>get_noise(1, height, width, dtype, seed_b)</c> per seed, stacked into [seeds.Length, 16, h, w]:
    /// item b is bit-identical to a single-image run with seed b.
    /// </summary>
    public static float[] GetNoisePerSeed(ReadOnlySpan<ulong> seeds, int height, int width, int channels = LatentChannels,
        int downsample = Downsample, RandnDType dtype = RandnDType.BFloat16)
    {
        var shape = Shape(Math.Max(seeds.Length, 1), height, width, channels, downsample);
        var itemLength = shape[1] * shape[2] * shape[3];
        var result = new float[seeds.Length * itemLength];
        for (var b = 0; b < seeds.Length; b++)
        {
            TorchRandn.Fill(result.AsSpan(b * itemLength, itemLength), new TorchCpuGenerator(seeds[b]), dtype);
        }
        return result;
    }
}
