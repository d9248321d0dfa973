namespace FluxOnnx.Converter.Tests.Lora;

/// <summary>
/// One LoRA per format in that format's real key layout, sized for the tiny fixture transformer (hidden h = 128,
/// mlp 512, 2 + 2 blocks), each recording where its pairs land in BFL's weights (written from the formats' public
/// descriptions: sd-scripts <c>lora_flux.py</c>, diffusers <c>lora_conversion_utils.py</c>, XLabs processors, BFL
/// <c>lora.py</c>, ComfyUI keys), independently of the recipes under test.
/// </summary>
internal static class LoraLayouts
{
    private const int H = 128;
    private const int Mlp = 512;

    /// <summary>
    /// kohya: fused qkv with alpha 2 at rank 4 (scale 0.5); single linear1 in sd-scripts' split_qkv layout (four
    /// rank-2 downs concatenated, block-diagonal up over q|k|v|mlp rows, alpha 4 over the concatenated rank 8); a
    /// few other block Linears without alpha (scale 1); a global (final_layer.linear).
    /// </summary>
    public static LoraFileBuilder Kohya(int seed = 1) => Kohya(seed, globals: true);

    /// <summary>The kohya layout, without its global (final_layer) module when <paramref name="globals"/> is false (run-time slots cover blocks only).</summary>
    public static LoraFileBuilder Kohya(int seed, bool globals)
    {
        var b = new LoraFileBuilder(seed);
        void Module(string stem, string weight, int rank, long inF, long outF, float? alpha)
        {
            var pair = b.Pair(stem + ".lora_down.weight", stem + ".lora_up.weight", rank, inF, outF);
            if (alpha is { } a)
            {
                b.Scalar(stem + ".alpha", a);
            }
            b.LandsWhole(weight, pair, rank, (alpha ?? rank) / rank);
        }
        Module("lora_unet_double_blocks_0_img_attn_qkv", "double_blocks.0.img_attn.qkv.weight", 4, H, 3 * H, 2);
        Module("lora_unet_double_blocks_0_txt_mlp_0", "double_blocks.0.txt_mlp.0.weight", 4, H, Mlp, 4);
        Module("lora_unet_double_blocks_0_img_mod_lin", "double_blocks.0.img_mod.lin.weight", 2, H, 6 * H, null);
        Module("lora_unet_double_blocks_1_txt_attn_proj", "double_blocks.1.txt_attn.proj.weight", 4, H, H, 8);
        Module("lora_unet_double_blocks_1_img_mlp_2", "double_blocks.1.img_mlp.2.weight", 4, Mlp, H, 4);
        Module("lora_unet_single_blocks_1_linear2", "single_blocks.1.linear2.weight", 4, H + Mlp, H, 4);
        Module("lora_unet_single_blocks_1_modulation_lin", "single_blocks.1.modulation.lin.weight", 2, H, 3 * H, 2);
        if (globals)
        {
            Module("lora_unet_final_layer_linear", "final_layer.linear.weight", 2, H, 64, 1);
        }

        // split_qkv: down = [A_q; A_k; A_v; A_mlp] (8 x h), up = blockdiag(B_q, B_k, B_v, B_mlp) (896 x 8).
        const string stem = "lora_unet_single_blocks_0_linear1";
        int[] dims = [H, H, H, Mlp];
        const int r = 2;
        var down = b.Matrix(stem + ".lora_down.weight", 4 * r, H, 1 / Math.Sqrt(H));
        var up = new float[(3 * H + Mlp) * 4 * r];
        var random = new Random(seed + 100);
        var row = 0;
        for (var j = 0; j < 4; j++)
        {
            for (var i = 0; i < dims[j]; i++, row++)
            {
                for (var k = 0; k < r; k++)
                {
                    up[row * 4 * r + j * r + k] = (float)((random.NextDouble() - 0.5) * 0.6);
                }
            }
        }
        b.Tensors.Add(Formats.RawTensor.Floats(stem + ".lora_up.weight", [3 * H + Mlp, 4 * r], up));
        b.Scalar(stem + ".alpha", 4);
        b.LandsWhole("single_blocks.0.linear1.weight", (down, up), 4 * r, 4.0 / (4 * r));
        return b;
    }

    /// <summary>
    /// diffusers / PEFT / AI-Toolkit: <c>transformer.</c> prefix, lora_A / lora_B, no alpha (scale 1); separate
    /// to_q / to_k / to_v onto BFL's fused qkv rows, add_k_proj onto txt qkv, single-block q/v and proj_mlp onto
    /// linear1's rows, norm_out.linear onto the final modulation with its halves swapped, and globals.
    /// </summary>
    public static LoraFileBuilder Diffusers(int seed = 2) => Diffusers(seed, globals: true);

    /// <summary>The diffusers layout, without its global modules when <paramref name="globals"/> is false.</summary>
    public static LoraFileBuilder Diffusers(int seed, bool globals)
    {
        var b = new LoraFileBuilder(seed);
        void Module(string module, int rank, long inF, long upRows, string weight, long rowOffset, long upRowStart = 0, long? rows = null)
        {
            var pair = b.Pair($"transformer.{module}.lora_A.weight", $"transformer.{module}.lora_B.weight", rank, inF, upRows);
            b.Lands(weight, rowOffset, pair, rank, upRowStart, rows ?? upRows, 1);
        }
        Module("transformer_blocks.0.attn.to_q", 4, H, H, "double_blocks.0.img_attn.qkv.weight", 0);
        Module("transformer_blocks.0.attn.to_k", 4, H, H, "double_blocks.0.img_attn.qkv.weight", H);
        Module("transformer_blocks.0.attn.to_v", 2, H, H, "double_blocks.0.img_attn.qkv.weight", 2 * H);
        Module("transformer_blocks.0.attn.add_k_proj", 4, H, H, "double_blocks.0.txt_attn.qkv.weight", H);
        Module("transformer_blocks.1.ff.net.0.proj", 4, H, Mlp, "double_blocks.1.img_mlp.0.weight", 0);
        Module("transformer_blocks.1.attn.to_add_out", 4, H, H, "double_blocks.1.txt_attn.proj.weight", 0);
        Module("transformer_blocks.1.norm1_context.linear", 2, H, 6 * H, "double_blocks.1.txt_mod.lin.weight", 0);
        Module("single_transformer_blocks.0.attn.to_q", 4, H, H, "single_blocks.0.linear1.weight", 0);
        Module("single_transformer_blocks.0.attn.to_v", 4, H, H, "single_blocks.0.linear1.weight", 2 * H);
        Module("single_transformer_blocks.0.proj_mlp", 4, H, Mlp, "single_blocks.0.linear1.weight", 3 * H);
        Module("single_transformer_blocks.1.proj_out", 4, H + Mlp, H, "single_blocks.1.linear2.weight", 0);
        Module("single_transformer_blocks.1.norm.linear", 2, H, 3 * H, "single_blocks.1.modulation.lin.weight", 0);
        if (!globals)
        {
            return b;
        }
        Module("x_embedder", 4, 64, H, "img_in.weight", 0);
        Module("proj_out", 2, H, 64, "final_layer.linear.weight", 0);
        // diffusers norm_out.linear rows are [scale | shift]; BFL's adaLN_modulation.1 rows are [shift | scale].
        var pair = b.Pair("transformer.norm_out.linear.lora_A.weight", "transformer.norm_out.linear.lora_B.weight", 2, H, 2 * H);
        b.Lands("final_layer.adaLN_modulation.1.weight", H, pair, 2, 0, H, 1);
        b.Lands("final_layer.adaLN_modulation.1.weight", 0, pair, 2, H, H, 1);
        return b;
    }

    /// <summary>XLabs: processor qkv_lora1/2 on the fused qkv, proj_lora1/2, single-block qkv_lora on linear1's first 3h rows, proj_lora on linear2; scale 1.</summary>
    public static LoraFileBuilder XLabs(int seed = 3)
    {
        var b = new LoraFileBuilder(seed);
        void Module(string key, int rank, long inF, long upRows, string weight)
        {
            var pair = b.Pair(key + ".down.weight", key + ".up.weight", rank, inF, upRows);
            b.Lands(weight, 0, pair, rank, 0, upRows, 1);
        }
        Module("double_blocks.0.processor.qkv_lora1", 4, H, 3 * H, "double_blocks.0.img_attn.qkv.weight");
        Module("double_blocks.0.processor.qkv_lora2", 4, H, 3 * H, "double_blocks.0.txt_attn.qkv.weight");
        Module("double_blocks.1.processor.proj_lora1", 4, H, H, "double_blocks.1.img_attn.proj.weight");
        Module("double_blocks.1.processor.proj_lora2", 4, H, H, "double_blocks.1.txt_attn.proj.weight");
        Module("single_blocks.1.processor.qkv_lora", 4, H, 3 * H, "single_blocks.1.linear1.weight");
        Module("single_blocks.1.processor.proj_lora", 4, H + Mlp, H, "single_blocks.1.linear2.weight");
        return b;
    }

    /// <summary>BFL names as ComfyUI saves them: <c>diffusion_model.</c> prefix, lora_down / lora_up in bfloat16, alpha; final modulation in BFL order.</summary>
    public static LoraFileBuilder Bfl(int seed = 4) => Bfl(seed, globals: true);

    /// <summary>The BFL layout, without its final-layer module when <paramref name="globals"/> is false.</summary>
    public static LoraFileBuilder Bfl(int seed, bool globals)
    {
        var b = new LoraFileBuilder(seed);
        void Module(string module, int rank, long inF, long outF, float? alpha)
        {
            var stem = "diffusion_model." + module;
            var pair = b.Pair(stem + ".lora_down.weight", stem + ".lora_up.weight", rank, inF, outF, bf16: true);
            if (alpha is { } a)
            {
                b.Scalar(stem + ".alpha", a);
            }
            b.LandsWhole(module + ".weight", pair, rank, (alpha ?? rank) / rank);
        }
        Module("double_blocks.1.img_attn.qkv", 4, H, 3 * H, 8);
        Module("double_blocks.0.txt_mod.lin", 4, H, 6 * H, null);
        Module("single_blocks.0.linear1", 4, H, 3 * H + Mlp, 2);
        Module("single_blocks.1.linear2", 2, H + Mlp, H, 2);
        if (globals)
        {
            Module("final_layer.adaLN_modulation.1", 2, H, 2 * H, 1);
        }
        return b;
    }

    /// <summary>
    /// A BFL control LoRA: lora_A / lora_B with lora_B.bias (BFL LinearLora), no alpha; full tensors replacing two
    /// QK-norm scales and widening img_in to 64 + 64 input channels, which also carries a low-rank pair on top.
    /// </summary>
    public static LoraFileBuilder BflControl(int seed = 5)
    {
        var b = new LoraFileBuilder(seed);
        var imgIn = b.Matrix("img_in.weight", H, 128, 1 / Math.Sqrt(128));
        var imgInBias = b.Vector("img_in.bias", H, 0.02);
        var queryScale = b.Vector("double_blocks.0.img_attn.norm.query_norm.scale", 32, 0.1, 1);
        var keyScale = b.Vector("single_blocks.0.norm.key_norm.scale", 32, 0.1, 1);
        b.Effect((w, _) =>
        {
            w.Replace("img_in.weight", [H, 128], [.. imgIn]);
            w.Replace("img_in.bias", [H], [.. imgInBias]);
            w.Replace("double_blocks.0.img_attn.norm.query_norm.scale", [32], [.. queryScale]);
            w.Replace("single_blocks.0.norm.key_norm.scale", [32], [.. keyScale]);
        });
        void Module(string module, int rank, long inF, long outF)
        {
            var pair = b.Pair(module + ".lora_A.weight", module + ".lora_B.weight", rank, inF, outF);
            var bias = b.Vector(module + ".lora_B.bias", outF, 0.05);
            b.LandsWhole(module + ".weight", pair, rank, 1);
            b.Effect((w, strength) => w.AddBias(module + ".bias", 0, bias, 0, outF, strength));
        }
        Module("img_in", 4, 128, H);
        Module("double_blocks.0.img_attn.qkv", 4, H, 3 * H);
        Module("double_blocks.1.txt_mlp.2", 4, Mlp, H);
        Module("single_blocks.1.linear2", 4, H + Mlp, H);
        return b;
    }
}
