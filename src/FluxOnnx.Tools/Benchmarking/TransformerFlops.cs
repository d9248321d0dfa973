namespace FluxOnnx.Tools.Benchmarking;

/// <summary>
/// Multiply-add FLOPs of one FLUX transformer forward (one denoising step), counted from the config and the token
/// counts, the way flux <c>src/flux/model.py</c> and <c>modules/layers.py</c> run it. A matrix product of
/// [T, in] by [in, out] costs 2·T·in·out FLOPs. With S image tokens, L text tokens, N = S + L, hidden H, MLP width
/// M = int(H·mlp_ratio), per batch item:
/// <code>
///   img_in        2·S·in_channels·H          txt_in      2·L·context_in_dim·H
///   time_in       2·(256·H + H·H)            vector_in   2·(vec_in_dim·H + H·H)
///   guidance_in   2·(256·H + H·H)            (guidance-distilled only)
///   per double block:  img_mod + txt_mod 2·2·(H·6H) · qkv 2·N·H·3H · proj 2·N·H·H · mlp 2·N·2·H·M · attention 4·N²·H
///   per single block:  modulation 2·(H·3H) · linear1 2·N·H·(3H + M) · linear2 2·N·(H + M)·H · attention 4·N²·H
///   final_layer   2·(H·2H) + 2·S·H·out_channels
/// </code>
/// Attention is QKᵀ (2·N²·d per head) plus AV (2·N²·d per head) over all n heads with n·d = H: 4·N²·H. Modulation
/// and embedders act on one vector per item. Not counted: softmax, norms, RoPE, GELU/SiLU, residual adds and the
/// Euler update (elementwise, well under 1 % here). The whole batch costs <c>batch</c> times as much.
/// </summary>
public static class TransformerFlops
{
    /// <summary>Width of the sinusoidal timestep and guidance embedding (flux <c>model.py</c> <c>timestep_embedding(t, 256)</c>).</summary>
    public const int TimestepEmbeddingDim = 256;

    /// <summary>FLOPs of one forward for <paramref name="batch"/> items.</summary>
    public static double PerStep(TransformerDims dims, long imageTokens, long textTokens, int batch = 1)
    {
        ArgumentNullException.ThrowIfNull(dims);
        double h = dims.HiddenSize, m = dims.MlpHiddenDim, s = imageTokens, l = textTokens, n = s + l;
        double embed = 2 * s * dims.InChannels * h
            + 2 * l * dims.ContextInDim * h
            + 2 * (TimestepEmbeddingDim * h + h * h)
            + 2 * (dims.VecInDim * h + h * h)
            + (dims.GuidanceEmbed ? 2 * (TimestepEmbeddingDim * h + h * h) : 0);
        double attention = 4 * n * n * h;
        double doubleBlock = 2 * 2 * (h * 6 * h) + 2 * n * h * 3 * h + 2 * n * h * h + 2 * n * 2 * h * m + attention;
        double singleBlock = 2 * (h * 3 * h) + 2 * n * h * (3 * h + m) + 2 * n * (h + m) * h + attention;
        double final = 2 * (h * 2 * h) + 2 * s * h * dims.OutChannels;
        return batch * (embed + dims.Depth * doubleBlock + dims.DepthSingleBlocks * singleBlock + final);
    }

    /// <summary>Image tokens for a <paramref name="width"/> × <paramref name="height"/> image: (H/(2d))·(W/(2d)) for an
    /// autoencoder of downsample d (8 for FLUX.1) and 2×2 packing.</summary>
    public static long ImageTokens(int width, int height, int downsample) => (long)(height / (2 * downsample)) * (width / (2 * downsample));
}
