using FluxOnnx.Imaging;
using Xunit;

namespace FluxOnnx.Cli.Tests;

/// <summary><c>flux generate</c>'s ONNX Runtime memory and threading flags: they reach the sessions and do not change the image.</summary>
public sealed class SessionFlagsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flux-session-flags-").FullName;

    private string Cache => Path.Combine(_dir, "cache");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Prepack_on_memory_pattern_on_and_no_arena_or_spinning_give_the_same_png_as_the_defaults()
    {
        var plain = Path.Combine(_dir, "plain.png");
        var lean = Path.Combine(_dir, "lean.png");
        Assert.Equal(0, (await CliRunner.RunAsync("generate", "a lighthouse at dawn", "--seed", "7", "--output", plain, "--cache-dir", Cache)).Exit);
        var (exit, stdout, _) = await CliRunner.RunAsync("generate", "a lighthouse at dawn", "--seed", "7", "--output", lean, "--cache-dir", Cache,
            "--prepack", "on", "--no-arena", "--memory-pattern", "--no-spinning");
        Assert.Equal(0, exit);
        Assert.Contains($"wrote {lean} (seed 7, 256x256)", stdout);
        var expected = ImageDecoder.DecodeFile(plain).Pixels;
        var actual = ImageDecoder.DecodeFile(lean).Pixels;
        Assert.Equal(expected.Length, actual.Length);
        Assert.All(Enumerable.Range(0, expected.Length), i => Assert.InRange(Math.Abs(expected[i] - actual[i]), 0, 1));
    }

    [Fact]
    public async Task Prepack_takes_only_on_or_off()
    {
        var (exit, _, stderr) = await CliRunner.RunAsync("generate", "x", "--prepack", "maybe", "--cache-dir", Cache, "--output", Path.Combine(_dir, "x.png"));
        Assert.Equal(2, exit);
        Assert.StartsWith("flux: Argument 'maybe' not recognized. Must be one of: ", stderr);
    }
}
