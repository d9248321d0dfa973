using System.Text;
using System.Text.Json;
using FluxOnnx.Cli.Commands;
using FluxOnnx.Imaging;
using Xunit;

namespace FluxOnnx.Cli.Tests;

/// <summary>The README's first command: generate with the built-in model, on a fresh cache.</summary>
public sealed class GenerateCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flux-gen-").FullName;

    private string Cache => Path.Combine(_dir, "cache");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Built_in_model_generates_a_reproducible_png_with_its_parameters()
    {
        var first = Path.Combine(_dir, "a.png");
        var second = Path.Combine(_dir, "b.png");
        var (exit, stdout, stderr) = await CliRunner.RunAsync("generate", "a lighthouse at dawn", "--seed", "7", "--output", first, "--cache-dir", Cache);
        Assert.Equal(0, exit);
        Assert.Contains("built-in tiny model (random weights: the image is noise", stderr);
        Assert.Contains($"wrote {first} (seed 7, 256x256)", stdout);
        (exit, _, _) = await CliRunner.RunAsync("generate", "--prompt", "a lighthouse at dawn", "--seed", "7", "--output", second, "--cache-dir", Cache);
        Assert.Equal(0, exit);
        Assert.Equal(await File.ReadAllBytesAsync(first), await File.ReadAllBytesAsync(second));

        var png = ImageDecoder.DecodeFile(first);
        Assert.Equal((256, 256, 3), (png.Width, png.Height, png.Channels));
        var parameters = JsonDocument.Parse(Assert.Single(PngTextReader.ReadFile(first), t => t.Keyword == "parameters").Text).RootElement;
        Assert.Equal("a lighthouse at dawn", parameters.GetProperty("prompt").GetString());
        Assert.Equal(7UL, parameters.GetProperty("seed").GetUInt64());
        Assert.Equal(4, parameters.GetProperty("steps").GetInt32());
        Assert.Equal(256, parameters.GetProperty("width").GetInt32());
        Assert.Equal("cpu", parameters.GetProperty("provider").GetString()?.ToLowerInvariant());
    }

    [Fact]
    public async Task Different_seeds_give_different_images()
    {
        var a = Path.Combine(_dir, "s1.png");
        var b = Path.Combine(_dir, "s2.png");
        Assert.Equal(0, (await CliRunner.RunAsync("generate", "x", "--seed", "1", "--output", a, "--cache-dir", Cache)).Exit);
        Assert.Equal(0, (await CliRunner.RunAsync("generate", "x", "--seed", "2", "--output", b, "--cache-dir", Cache)).Exit);
        Assert.NotEqual(ImageDecoder.DecodeFile(a).Pixels, ImageDecoder.DecodeFile(b).Pixels);
    }

    [Theory]
    [InlineData("--width", "100", "flux: --width: expected a positive multiple of 16 pixels, got 100.")]
    [InlineData("--steps", "0", "flux: --steps: expected at least 1, got 0.")]
    [InlineData("--provider", "metal", "flux: Unknown execution provider 'metal'")]
    public async Task Bad_requests_exit_2_and_write_nothing(string option, string value, string message)
    {
        var output = Path.Combine(_dir, "bad.png");
        var (exit, _, stderr) = await CliRunner.RunAsync("generate", "x", "--seed", "1", "--output", output, "--cache-dir", Cache, option, value);
        Assert.Equal(2, exit);
        Assert.Contains(message, stderr);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task Missing_package_exits_2()
    {
        var missing = Path.Combine(_dir, "no-package");
        var (exit, _, stderr) = await CliRunner.RunAsync("generate", "x", "--package", missing, "--output", Path.Combine(_dir, "x.png"));
        Assert.Equal(2, exit);
        Assert.Equal($"flux: {missing}: no such package folder\n", stderr);
    }

    [Fact]
    public async Task Tampered_package_is_refused_before_running()
    {
        var warm = Path.Combine(_dir, "warm.png");
        Assert.Equal(0, (await CliRunner.RunAsync("generate", "x", "--seed", "1", "--output", warm, "--cache-dir", Cache)).Exit);
        var package = Directory.GetDirectories(Cache, "package", SearchOption.AllDirectories).Single();
        var data = Path.Combine(package, "transformer", "model.onnx.data");
        await using (var stream = new FileStream(data, FileMode.Append))
        {
            stream.WriteByte(0);
        }
        var output = Path.Combine(_dir, "tampered.png");
        var (exit, _, stderr) = await CliRunner.RunAsync("generate", "x", "--package", package, "--output", output);
        Assert.Equal(2, exit);
        Assert.StartsWith($"flux: {data}: SHA-256 mismatch", stderr);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task Explicit_cuda_fails_naming_the_provider_and_the_build_to_use()
    {
        var (exit, _, stderr) = await CliRunner.RunAsync("generate", "x", "--provider", "cuda", "--cache-dir", Cache, "--output", Path.Combine(_dir, "c.png"));
        Assert.Equal(2, exit);
        Assert.Contains("flux: The cuda execution provider is not in this ONNX Runtime build (build FluxOnnx with -p:FluxOrtFlavor=gpu", stderr);
        Assert.False(File.Exists(Path.Combine(_dir, "c.png")));
    }

    [Fact]
    public async Task Format_jpeg_writes_a_jpeg_carrying_the_parameters_in_exif()
    {
        var output = Path.Combine(_dir, "a.jpg");
        var (exit, stdout, stderr) = await CliRunner.RunAsync("generate", "a lighthouse", "--seed", "7", "--format", "jpeg", "--quality", "90",
            "--output", output, "--cache-dir", Cache);
        Assert.True(exit == 0, stderr);
        Assert.Contains($"wrote {output} (seed 7, 256x256)", stdout);
        var bytes = await File.ReadAllBytesAsync(output);
        Assert.Equal(new byte[] { 0xFF, 0xD8 }, bytes[..2]);
        Assert.Equal((256, 256, 3), (ImageDecoder.DecodeFile(output).Width, ImageDecoder.DecodeFile(output).Height, ImageDecoder.DecodeFile(output).Channels));
        // EXIF UserComment: "UNICODE\0" then the parameters JSON in UTF-16 big-endian.
        byte[] comment = [.. "UNICODE\0"u8, .. Encoding.BigEndianUnicode.GetBytes("{\"prompt\":\"a lighthouse\",\"steps\":4,")];
        Assert.True(bytes.AsSpan().IndexOf(comment) > 0, "no UserComment with the parameters");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    public async Task Quality_outside_1_to_100_exits_2_and_writes_nothing(string quality)
    {
        var output = Path.Combine(_dir, "q.webp");
        var (exit, _, stderr) = await CliRunner.RunAsync("generate", "x", "--format", "webp", "--quality", quality, "--output", output, "--cache-dir", Cache);
        Assert.Equal(2, exit);
        Assert.Contains($"quality must be 1..100, got {quality}", stderr);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task An_unknown_format_is_a_usage_error()
    {
        var (exit, _, stderr) = await CliRunner.RunAsync("generate", "x", "--format", "gif", "--cache-dir", Cache);
        Assert.NotEqual(0, exit);
        Assert.Contains("gif", stderr);
    }

    [Fact]
    public void The_default_output_name_takes_the_formats_extension_and_an_explicit_path_is_kept()
    {
        Assert.Equal(new[] { "flux-7.webp" }, GenerateCommand.OutputPaths(null, ".webp", 7, 1));
        Assert.Equal(new[] { "flux-7-0.jpg", "flux-7-1.jpg" }, GenerateCommand.OutputPaths(null, ".jpg", 7, 2));
        Assert.Equal(new[] { "out.png" }, GenerateCommand.OutputPaths("out.png", ".jpg", 7, 1));
        Assert.Equal(new[] { Path.Combine("d", "out-0.png"), Path.Combine("d", "out-1.png") }, GenerateCommand.OutputPaths(Path.Combine("d", "out.png"), ".webp", 7, 2));
    }
}
