using System.Text.Json;
using FluxOnnx.Imaging;
using FluxOnnx.TestSupport;
using Xunit;

namespace FluxOnnx.Cli.Tests;

public sealed class ImageAndBenchCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flux-img-").FullName;

    private string Cache => Path.Combine(_dir, "cache");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Init => Path.Combine(SharedPaths.Case("img2img_schnell_4steps_str0.6_128x128"), "init.png");

    [Fact]
    public async Task Img2img_on_the_built_in_model_takes_the_size_from_the_image()
    {
        var output = Path.Combine(_dir, "img2img.png");
        var (exit, stdout, stderr) = await CliRunner.RunAsync("generate", "x", "--image", Init, "--strength", "0.6", "--seed", "3",
            "--output", output, "--cache-dir", Cache);
        Assert.True(exit == 0, stderr);
        Assert.Contains("(seed 3, 128x128)", stdout);
        var png = ImageDecoder.DecodeFile(output);
        Assert.Equal((128, 128), (png.Width, png.Height));
    }

    [Fact]
    public async Task A_mask_on_a_text_to_image_package_is_refused_naming_it()
    {
        var output = Path.Combine(_dir, "never.png");
        var (exit, _, stderr) = await CliRunner.RunAsync("generate", "x", "--image", Init, "--mask", Init,
            "--output", output, "--cache-dir", Cache);
        Assert.Equal(2, exit);
        Assert.Contains("flux: --mask: expected null: the", stderr);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task A_corrupt_image_is_refused_naming_the_file()
    {
        var bad = Path.Combine(_dir, "bad.png");
        await File.WriteAllBytesAsync(bad, [0x89, (byte)'P', (byte)'N', (byte)'G', 0, 0]);
        var (exit, _, stderr) = await CliRunner.RunAsync("generate", "x", "--image", bad, "--strength", "0.5",
            "--output", Path.Combine(_dir, "never.png"), "--cache-dir", Cache);
        Assert.Equal(2, exit);
        Assert.Contains(bad, stderr);
    }

    [Fact]
    public async Task A_truncated_jpeg_init_image_is_refused_naming_the_file()
    {
        var init = ImageDecoder.DecodeFile(Init);
        var jpeg = JpegEncoder.Encode(init, 90);
        var cut = Path.Combine(_dir, "cut.jpg");
        await File.WriteAllBytesAsync(cut, jpeg[..(jpeg.Length / 2)]);
        var output = Path.Combine(_dir, "never.png");
        var (exit, _, stderr) = await CliRunner.RunAsync("generate", "x", "--image", cut, "--strength", "0.5",
            "--output", output, "--cache-dir", Cache);
        Assert.Equal(2, exit);
        Assert.Contains($"flux: --image: expected a valid PNG, JPEG or WebP image, got {cut}: Truncated: the data ends before the 128 x 128 image is complete", stderr);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task Outpaint_must_have_four_numbers()
    {
        var (exit, _, stderr) = await CliRunner.RunAsync("generate", "x", "--outpaint", "1,2,3", "--cache-dir", Cache);
        Assert.Equal(2, exit);
        Assert.EndsWith("flux: --outpaint takes LEFT,TOP,RIGHT,BOTTOM as four non-negative pixel counts, got '1,2,3'\n", stderr);
    }

    [Fact]
    public async Task Bench_writes_json_with_the_documented_fields_and_markdown_with_a_chart()
    {
        var json = Path.Combine(_dir, "bench.json");
        var markdown = Path.Combine(_dir, "bench.md");
        var (exit, stdout, stderr) = await CliRunner.RunAsync("bench", "--runs", "1", "--steps", "2", "--width", "64", "--height", "64",
            "--json", json, "--markdown", markdown, "--cache-dir", Cache);
        Assert.True(exit == 0, stderr);
        Assert.Contains($"wrote {json}", stdout);
        var root = JsonDocument.Parse(await File.ReadAllTextAsync(json)).RootElement;
        foreach (var field in new[] { "provider", "precision", "width", "height", "steps", "text_encode_ms", "step_ms", "decode_ms", "total_ms", "peak_working_set_bytes", "gemm_peak_gflops" })
        {
            Assert.True(root.TryGetProperty(field, out _), $"missing {field}");
        }
        Assert.Equal(64, root.GetProperty("width").GetInt32());
        Assert.Equal(2, root.GetProperty("steps").GetInt32());
        Assert.Equal("cpu", root.GetProperty("provider").GetString());
        Assert.Contains("<svg", await File.ReadAllTextAsync(markdown));
    }
}
