using System.Text.Json;
using FluxOnnx.TestSupport;
using Xunit;

namespace FluxOnnx.Cli.Tests;

public sealed class TokenizeAndProvidersCommandTests
{
    [Fact]
    public async Task Tokenize_clip_prints_the_reference_ids()
    {
        var (exit, stdout, _) = await CliRunner.RunAsync(
            "tokenize", "--tokenizer", "clip", "--tokenizer-dir", Path.Combine(SharedPaths.Tokenizers, "clip"), "a dog on a beach");
        Assert.Equal(0, exit);
        var ids = JsonSerializer.Deserialize<long[]>(stdout)!;
        Assert.Equal(77, ids.Length);
        // openai CLIP SimpleTokenizer ids for "a dog on a beach" (fixture text_encoders_public, dog_beach.clip.input_ids).
        Assert.Equal([49406, 320, 1929, 525, 320, 2117, 49407], ids[..7]);
        Assert.All(ids[7..], id => Assert.Equal(49407, id));
    }

    [Fact]
    public async Task Tokenize_t5_pads_to_max_length_with_eos_then_zeros()
    {
        var (exit, stdout, _) = await CliRunner.RunAsync(
            "tokenize", "--tokenizer", "t5", "--tokenizer-dir", Path.Combine(SharedPaths.Tokenizers, "t5"), "--max-length", "10", "a dog on a beach");
        Assert.Equal(0, exit);
        var ids = JsonSerializer.Deserialize<long[]>(stdout)!;
        // Golden sentencepiece ids (fixtures/tokenizer_ids/prompts_public.json, dog_beach: pieces ▁ a ▁dog ▁on ▁ a ▁beach),
        // then </s> 1 and padding 0 up to the requested length.
        Assert.Equal([3, 9, 1782, 30, 3, 9, 2608, 1, 0, 0], ids);
    }

    [Fact]
    public async Task Tokenize_rejects_a_max_length_below_2()
    {
        var (exit, _, stderr) = await CliRunner.RunAsync(
            "tokenize", "--tokenizer", "t5", "--tokenizer-dir", Path.Combine(SharedPaths.Tokenizers, "t5"), "--max-length", "1", "x");
        Assert.Equal(2, exit);
        Assert.StartsWith("flux: --max-length must be at least 2", stderr);
    }

    [Theory]
    [InlineData("cuda", "gpu")]
    [InlineData("tensorrt", "gpu")]
    [InlineData("directml", "directml")]
    public async Task Explicit_gpu_provider_fails_with_one_line_naming_it_and_the_build_that_has_it(string name, string flavor)
    {
        var (exit, _, stderr) = await CliRunner.RunAsync("providers", "--provider", name);
        Assert.Equal(2, exit);
        Assert.StartsWith($"flux: The {name} execution provider is not in this ONNX Runtime build (", stderr);
        Assert.Contains($"-p:FluxOrtFlavor={flavor}", stderr);
        Assert.Single(stderr.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task Auto_provider_selects_cpu_here_and_says_why()
    {
        var (exit, stdout, _) = await CliRunner.RunAsync("providers");
        Assert.Equal(0, exit);
        Assert.StartsWith("ONNX Runtime 1.32.0 (cpu build: Microsoft.ML.OnnxRuntime)\nlisted providers: CPUExecutionProvider\n", stdout.ReplaceLineEndings("\n"));
        Assert.Contains("passed over cuda: CUDA execution provider is not enabled in this build.", stdout);
        Assert.EndsWith("selected: cpu\n", stdout.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Unknown_provider_name_lists_the_valid_ones()
    {
        var (exit, _, stderr) = await CliRunner.RunAsync("providers", "--provider", "metal");
        Assert.Equal(2, exit);
        Assert.Contains("metal", stderr);
        Assert.Contains("cpu", stderr);
        Assert.Contains("tensorrt", stderr);
    }
}
