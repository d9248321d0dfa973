using System.Text.Json;
using FluxOnnx.Tools.Benchmarking;
using Xunit;

namespace FluxOnnx.Tools.Tests.Benchmarking;

/// <summary>The FLOP count against a hand computation for the fixtures' tiny schnell config.</summary>
public sealed class TransformerFlopsTests
{
    // shared/fixtures/models/flux-tiny-schnell/flux_params.json: in 64, out 64, vec 32, context 64, hidden 128,
    // mlp_ratio 4 (M = 512), 4 heads, 2 double + 2 single blocks, no guidance.
    private static readonly TransformerDims Tiny = new(64, 64, 32, 64, 128, 4.0, 4, 2, 2, GuidanceEmbed: false);

    [Fact]
    public void Tiny_config_at_64_image_and_16_text_tokens_matches_the_hand_count()
    {
        // S = 64, L = 16, N = 80, H = 128, M = 512.
        // embedders: img_in 2·64·64·128 = 1 048 576; txt_in 2·16·64·128 = 262 144;
        //            time_in 2·(256·128 + 128·128) = 98 304; vector_in 2·(32·128 + 128·128) = 40 960   → 1 449 984
        // attention per block: 4·80²·128 = 3 276 800
        // double block: mods 2·2·128·768 = 393 216; qkv 2·80·128·384 = 7 864 320; proj 2·80·128·128 = 2 621 440;
        //               mlp 2·80·2·128·512 = 20 971 520; + attention                                  → 35 127 296
        // single block: mod 2·128·384 = 98 304; linear1 2·80·128·896 = 18 350 080;
        //               linear2 2·80·640·128 = 13 107 200; + attention                                → 34 832 384
        // final layer: 2·128·256 = 65 536; 2·64·128·64 = 1 048 576                                   → 1 114 112
        // total: 1 449 984 + 2·35 127 296 + 2·34 832 384 + 1 114 112 = 142 483 456
        Assert.Equal(142_483_456d, TransformerFlops.PerStep(Tiny, 64, 16));
    }

    [Fact]
    public void Guidance_embedding_adds_one_MlpEmbedder_and_batch_scales_linearly()
    {
        Assert.Equal(142_483_456d + 98_304d, TransformerFlops.PerStep(Tiny with { GuidanceEmbed = true }, 64, 16));
        Assert.Equal(2 * 142_483_456d, TransformerFlops.PerStep(Tiny, 64, 16, batch: 2));
    }

    [Fact]
    public void Full_schnell_at_1024_squared_is_dominated_by_the_block_linears()
    {
        // 4096 image + 256 text tokens: the per-token Linears of 19 double and 38 single blocks,
        // 2·N·(19·(12H² + 2HM) + 38·(3H² + HM + (H + M)·H)), plus attention 57·4·N²·H, plus one-vector terms.
        double h = 3072, m = 12288, n = 4352;
        double perToken = 2 * n * (19 * (3 * h * h + h * h + 2 * h * m) + 38 * (h * (3 * h + m) + (h + m) * h));
        double attention = 57 * 4 * n * n * h;
        double total = TransformerFlops.PerStep(TransformerDims.FluxSchnell, 4096, 256);
        Assert.InRange(total - perToken - attention, 0, 0.01 * total); // embedders, modulation, final layer: under 1 %
    }

    [Theory]
    [InlineData(1024, 1024, 8, 4096)]
    [InlineData(128, 128, 8, 64)]
    [InlineData(512, 256, 8, 512)]
    [InlineData(128, 128, 4, 256)]
    public void Image_tokens_are_the_packed_latent_positions(int width, int height, int downsample, long tokens) =>
        Assert.Equal(tokens, TransformerFlops.ImageTokens(width, height, downsample));

    [Fact]
    public void Dims_are_read_from_the_converter_written_config()
    {
        const string json = """
            {"in_channels":64,"out_channels":64,"vec_in_dim":32,"context_in_dim":64,"hidden_size":128,"mlp_ratio":4.0,
             "num_heads":4,"depth":2,"depth_single_blocks":2,"axes_dim":[8,12,12],"theta":10000,"qkv_bias":true,
             "guidance_embed":false,"head_dim":32,"mlp_hidden_dim":512}
            """;
        var config = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;
        Assert.Equal(Tiny, TransformerDims.FromManifestConfig(config));
        config.Remove("depth");
        Assert.Null(TransformerDims.FromManifestConfig(config));
        Assert.Null(TransformerDims.FromManifestConfig(null));
    }
}
