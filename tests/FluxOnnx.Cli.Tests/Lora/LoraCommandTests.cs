using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using FluxOnnx.Imaging;
using Xunit;

namespace FluxOnnx.Cli.Tests.Lora;

/// <summary>
/// <c>flux convert --lora / --lora-slots</c> and <c>flux generate --lora [--lora-fit svd]</c> on the tiny fixture
/// packages: the manifest's record of a fused LoRA, run-time slots against fusing, rank limits, and usage errors.
/// </summary>
public sealed class LoraCommandTests(LoraPackagesFixture packages) : IClassFixture<LoraPackagesFixture>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flux-cli-lora-t-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>The file <see cref="Generate"/> wrote last.</summary>
    private string _lastOutput = "";

    private async Task<PixelImage> Generate(string package, params string[] extra)
    {
        var output = _lastOutput = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".png");
        var (exit, _, stderr) = await CliRunner.RunAsync([
            "generate", "a lighthouse at dawn", "--package", package, "--seed", "5", "--width", "64", "--height", "64", "--steps", "2",
            "--output", output, .. extra]);
        Assert.True(exit == 0, stderr);
        return ImageDecoder.DecodeFile(output);
    }

    private static int MaxDifference(PixelImage a, PixelImage b)
    {
        Assert.Equal(a.Pixels.Length, b.Pixels.Length);
        return a.Pixels.Zip(b.Pixels, (x, y) => Math.Abs(x - y)).Max();
    }

    [Fact]
    public void Convert_with_lora_records_its_file_name_sha256_and_strength_in_the_manifest()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(packages.Fused, "manifest.json")));
        var lora = manifest.RootElement.GetProperty("lora");
        var fused = Assert.Single(lora.GetProperty("fused").EnumerateArray());
        Assert.Equal("style.safetensors", fused.GetProperty("name").GetString());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(packages.Lora))), fused.GetProperty("sha256").GetString());
        Assert.Equal(0.8, fused.GetProperty("strength").GetDouble());
        Assert.Equal("kohya", fused.GetProperty("format").GetString());
        Assert.Equal(0, lora.GetProperty("slot_rank").GetInt32());

        using var slots = JsonDocument.Parse(File.ReadAllText(Path.Combine(packages.Slots, "manifest.json")));
        Assert.Equal(LoraPackagesFixture.SlotRank, slots.RootElement.GetProperty("lora").GetProperty("slot_rank").GetInt32());
        Assert.Empty(slots.RootElement.GetProperty("lora").GetProperty("fused").EnumerateArray());
    }

    [Fact]
    public async Task Convert_prints_the_fused_lora()
    {
        var output = Path.Combine(_dir, "half");
        var (exit, stdout, stderr) = await CliRunner.RunAsync([.. LoraPackagesFixture.ConvertArguments(output), "--lora", packages.Lora]);
        Assert.True(exit == 0, stderr);
        var sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(packages.Lora)));
        Assert.Contains($"fused LoRA style.safetensors (kohya, strength 1, sha256 {sha})", stdout);
    }

    [Fact]
    public async Task Generate_with_lora_on_the_slot_package_changes_the_image_and_equals_the_fused_package()
    {
        var plain = await Generate(packages.Slots);
        var withLora = await Generate(packages.Slots, "--lora", packages.Lora + ":0.8");
        var parameters = JsonDocument.Parse(Assert.Single(PngTextReader.ReadFile(_lastOutput), t => t.Keyword == "parameters").Text).RootElement;
        var recorded = Assert.Single(parameters.GetProperty("loras").EnumerateArray());
        Assert.Equal("style.safetensors", recorded.GetProperty("name").GetString());
        Assert.Equal(0.8, recorded.GetProperty("strength").GetDouble());
        var fused = await Generate(packages.Fused);
        Assert.True(MaxDifference(plain, withLora) > 8, $"the LoRA changed the image by at most {MaxDifference(plain, withLora)}");
        Assert.InRange(MaxDifference(withLora, fused), 0, 1);
    }

    [Fact]
    public async Task Generate_with_zero_strength_equals_no_lora()
    {
        var plain = await Generate(packages.Slots);
        var zero = await Generate(packages.Slots, "--lora", packages.Lora + ":0");
        Assert.Equal(plain.Pixels, zero.Pixels);
    }

    [Fact]
    public async Task Lora_over_the_slot_rank_is_refused_naming_the_linear_and_both_ranks()
    {
        var big = KohyaLoraWriter.Write(Path.Combine(_dir, "big.safetensors"), rank: 12, seed: 3);
        var (exit, _, stderr) = await CliRunner.RunAsync("generate", "x", "--package", packages.Slots, "--seed", "1", "--width", "64", "--height", "64",
            "--steps", "1", "--output", Path.Combine(_dir, "no.png"), "--lora", big);
        Assert.Equal(2, exit);
        Assert.Equal("flux: --lora: big.safetensors need rank 12 on double_blocks.0.img_attn.qkv, but the package's LoRA slots have rank 8 "
            + "(add --lora-fit svd to fold them to rank 8)\n", stderr);
        Assert.False(File.Exists(Path.Combine(_dir, "no.png")));
    }

    [Fact]
    public async Task Lora_fit_svd_folds_to_the_slot_rank_and_reports_the_energy_kept()
    {
        // Rank 12 whose last 4 components are zero: folding to rank 8 keeps everything, and equals the rank-8 file.
        var padded = KohyaLoraWriter.Write(Path.Combine(_dir, "padded.safetensors"), rank: 12, seed: 4, nonZeroRank: 8);
        var exact = KohyaLoraWriter.WriteTruncation(Path.Combine(_dir, "exact.safetensors"), fullRank: 12, rank: 8, seed: 4);
        var output = Path.Combine(_dir, "fit.png");
        var (exit, stdout, stderr) = await CliRunner.RunAsync("generate", "a lighthouse at dawn", "--package", packages.Slots, "--seed", "5",
            "--width", "64", "--height", "64", "--steps", "2", "--output", output, "--lora", padded, "--lora-fit", "svd");
        Assert.True(exit == 0, stderr);
        foreach (var module in new[] { "double_blocks.0.img_attn.qkv", "double_blocks.1.txt_mlp.0", "single_blocks.0.linear2" })
        {
            Assert.Contains($"LoRA fit (svd) on {module}: rank 12 -> 8, energy kept 100.000 %", stdout);
        }
        var reference = await Generate(packages.Slots, "--lora", exact);
        Assert.InRange(MaxDifference(ImageDecoder.DecodeFile(output), reference), 0, 1);
    }

    [Fact]
    public async Task Lora_fit_svd_of_a_full_rank_lora_keeps_less_than_all_energy()
    {
        var big = KohyaLoraWriter.Write(Path.Combine(_dir, "big.safetensors"), rank: 12, seed: 3);
        var (exit, stdout, stderr) = await CliRunner.RunAsync("generate", "x", "--package", packages.Slots, "--seed", "1", "--width", "64", "--height", "64",
            "--steps", "1", "--output", Path.Combine(_dir, "fit.png"), "--lora", big, "--lora-fit", "svd");
        Assert.True(exit == 0, stderr);
        var line = Assert.Single(stdout.Split('\n'), l => l.StartsWith("LoRA fit (svd) on double_blocks.0.img_attn.qkv: rank 12 -> 8, energy kept ", StringComparison.Ordinal));
        var percent = double.Parse(line.Split("energy kept ")[1].TrimEnd(' ', '%'), CultureInfo.InvariantCulture);
        Assert.InRange(percent, 50, 99.999);
    }

    [Fact]
    public async Task Generate_with_lora_on_a_package_without_slots_is_refused()
    {
        var (exit, _, stderr) = await CliRunner.RunAsync("generate", "x", "--package", packages.Fused, "--seed", "1", "--steps", "1",
            "--output", Path.Combine(_dir, "no.png"), "--lora", packages.Lora);
        Assert.Equal(2, exit);
        Assert.Equal("flux: --lora: expected a package converted with run-time LoRA slots (LoraSlots > 0), got a package without slots.\n", stderr);
    }

    [Theory]
    [InlineData("generate")]
    [InlineData("convert")]
    public async Task Bad_lora_values_are_usage_errors_naming_the_flag(string command)
    {
        string[] head = command == "generate"
            ? ["generate", "x", "--package", packages.Slots, "--output", Path.Combine(_dir, "no.png")]
            : [.. LoraPackagesFixture.ConvertArguments(Path.Combine(_dir, "no"))];
        var missing = Path.Combine(_dir, "missing.safetensors");

        var (exit, _, stderr) = await CliRunner.RunAsync([.. head, "--lora", packages.Lora + ":strong"]);
        Assert.Equal(2, exit);
        Assert.Equal($"flux: --lora: expected FILE[:STRENGTH] with a finite number as STRENGTH, got '{packages.Lora}:strong'\n", stderr);

        (exit, _, stderr) = await CliRunner.RunAsync([.. head, "--lora", missing + ":0.5"]);
        Assert.Equal(2, exit);
        Assert.Equal($"flux: --lora: no such file: {missing}\n", stderr);

        (exit, _, stderr) = await CliRunner.RunAsync([.. head, "--lora", packages.Lora + ":nan"]);
        Assert.Equal(2, exit);
        Assert.StartsWith("flux: --lora: expected FILE[:STRENGTH] with a finite number", stderr);
        Assert.False(File.Exists(Path.Combine(_dir, "no.png")));
        Assert.False(Directory.Exists(Path.Combine(_dir, "no")));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-4")]
    public async Task Lora_slots_of_rank_zero_or_less_are_usage_errors(string rank)
    {
        var output = Path.Combine(_dir, "no");
        var (exit, _, stderr) = await CliRunner.RunAsync([.. LoraPackagesFixture.ConvertArguments(output), "--lora-slots", rank]);
        Assert.Equal(2, exit);
        Assert.Equal($"flux: --lora-slots: expected a rank of at least 1, got {rank}\n", stderr);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public async Task Convert_with_a_lora_of_another_model_size_names_the_tensor_and_both_shapes()
    {
        var wide = KohyaLoraWriter.Write(Path.Combine(_dir, "wide.safetensors"), rank: 4, seed: 2, hidden: 256);
        var output = Path.Combine(_dir, "no");
        var (exit, _, stderr) = await CliRunner.RunAsync([.. LoraPackagesFixture.ConvertArguments(output), "--lora", wide]);
        Assert.Equal(2, exit);
        Assert.Contains("lora_unet_double_blocks_0_img_attn_qkv.lora_down.weight (for double_blocks.0.img_attn.qkv.weight) has shape [4, 256], the model needs [4, 128]", stderr);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public async Task Convert_with_a_truncated_lora_is_refused_naming_the_file()
    {
        var whole = File.ReadAllBytes(packages.Lora);
        var truncated = Path.Combine(_dir, "cut.safetensors");
        File.WriteAllBytes(truncated, whole[..(whole.Length - 100)]);
        var output = Path.Combine(_dir, "no");
        var (exit, _, stderr) = await CliRunner.RunAsync([.. LoraPackagesFixture.ConvertArguments(output), "--lora", truncated]);
        Assert.Equal(2, exit);
        Assert.StartsWith($"flux: --lora: LoRA {truncated}: not a readable safetensors file (", stderr);
        Assert.False(Directory.Exists(output));
    }
}
