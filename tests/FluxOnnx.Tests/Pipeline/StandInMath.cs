namespace FluxOnnx.Tests.Pipeline;

/// <summary>
/// Constants of the stand-in graphs and an independent float32 re-computation of the whole text-to-image flow for
/// them: BFL prepare (packing by index formula, ids), the Euler loop, unpack, decode and BFL save_image, written
/// out here by hand rather than through the library's packing, sampler or pixel helpers.
/// </summary>
internal static class StandInMath
{
    public const int T5Length = 16;
    public const int T5Dim = 8;
    public const int ClipDim = 4;
    public const int ClipVocabularySize = 600;

    public const float A = 0.75f, Bt = 0.25f, C = 0.5f, Dp = 2f, E = 0.01f, G = 0.1f, DecoderScale = 0.5f;

    public static readonly float[] ClipW = [0.001f, -0.002f, 0.0005f, 0.003f];

    public static readonly float[] T5W = Enumerable.Range(0, T5Dim).Select(k => 0.01f * (k + 1) * (k % 2 == 0 ? 1 : -1)).ToArray();

    public static float[] ChannelW() => Enumerable.Range(0, 64).Select(c => 0.001f * c).ToArray();

    /// <summary>Stand-in transformer output for one element, in the graph's order of float32 operations.</summary>
    public static float Velocity(float x, float t, float txt10, float vec0, int row, float? guidance, int channel)
    {
        var v = x * A;
        v += t * Bt;
        v += txt10 * C;
        v += vec0 * Dp;
        v += row * E;
        v += 0f; // txt_ids[0, 0]
        if (guidance is { } g)
        {
            v += g * G;
        }
        return v + 0.001f * channel;
    }

    /// <summary>
    /// The expected run for one image: noise [16, h, w] (one item of what the library's bf16 generator drew), the
    /// first T5 and CLIP ids. Returns the packed latent after every step and the RGB bytes [H, W, 3].
    /// </summary>
    public static (List<float[]> Latents, byte[] Pixels) Expected(float[] noise, int height, int width, long[] clipIds,
        long[] t5Ids, float[] timesteps, float? guidance)
    {
        int h = height / 8, w = width / 8, h2 = h / 2, w2 = w / 2;
        var txt10 = t5Ids[1] * T5W[0];
        var vec0 = clipIds[1] * ClipW[0];
        // prepare: img[i*w2 + j, c*4 + ph*2 + pw] = noise[c, 2i + ph, 2j + pw]
        var x = new float[h2 * w2 * 64];
        for (var i = 0; i < h2; i++)
        for (var j = 0; j < w2; j++)
        for (var c = 0; c < 16; c++)
        for (var ph = 0; ph < 2; ph++)
        for (var pw = 0; pw < 2; pw++)
        {
            x[(i * w2 + j) * 64 + c * 4 + ph * 2 + pw] = noise[(c * h + 2 * i + ph) * w + 2 * j + pw];
        }
        var latents = new List<float[]>();
        for (var s = 0; s + 1 < timesteps.Length; s++)
        {
            var dt = (float)((double)timesteps[s + 1] - timesteps[s]);
            for (var k = 0; k < x.Length; k++)
            {
                var token = k / 64;
                var v = Velocity(x[k], timesteps[s], txt10, vec0, token / w2, guidance, k % 64);
                x[k] += dt * v;
            }
            latents.Add((float[])x.Clone());
        }
        // unpack, decode (channels 0..2, nearest ×8, ·0.5), save_image (clamp, 127.5·(x+1), truncate).
        var pixels = new byte[height * width * 3];
        for (var y = 0; y < height; y++)
        for (var xx = 0; xx < width; xx++)
        for (var c = 0; c < 3; c++)
        {
            int ly = y / 8, lx = xx / 8;
            var z = x[((ly / 2) * w2 + lx / 2) * 64 + c * 4 + (ly % 2) * 2 + lx % 2];
            var d = Math.Clamp(z * DecoderScale, -1f, 1f);
            pixels[(y * width + xx) * 3 + c] = (byte)(int)(127.5f * (d + 1f));
        }
        return (latents, pixels);
    }
}
