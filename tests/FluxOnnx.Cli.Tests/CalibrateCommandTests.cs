using FluxOnnx.TestSupport;
using Xunit;

namespace FluxOnnx.Cli.Tests;

/// <summary><c>flux convert</c> fp32 → <c>flux calibrate</c> → <c>flux convert --precision fp8 --target tensorrt --calibration-table</c>.</summary>
public sealed class CalibrateCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flux-calib-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string[] Checkpoints() =>
    [
        "--transformer", Path.Combine(SharedPaths.Models, "flux-tiny-schnell", "flux.safetensors"),
        "--transformer-config", Path.Combine(SharedPaths.Models, "flux-tiny-schnell", "flux_params.json"),
        "--t5", Path.Combine(SharedPaths.Models, "t5"), "--clip", Path.Combine(SharedPaths.Models, "clip"),
        "--ae", Path.Combine(SharedPaths.Models, "ae.safetensors"), "--ae-config", Path.Combine(SharedPaths.Models, "ae_params.json"),
        "--clip-tokenizer", Path.Combine(SharedPaths.Tokenizers, "clip"), "--t5-tokenizer", Path.Combine(SharedPaths.Tokenizers, "t5"),
    ];

    [Fact]
    public async Task Convert_fp32_calibrate_then_convert_fp8_for_tensorrt()
    {
        var fp32 = Path.Combine(_dir, "fp32");
        var (exit, _, stderr) = await CliRunner.RunAsync(["convert", .. Checkpoints(), "--output", fp32]);
        Assert.True(exit == 0, stderr);

        var table = Path.Combine(_dir, "table.json");
        (exit, var stdout, stderr) = await CliRunner.RunAsync("calibrate", "--package", fp32, "--output", table, "--prompts", "1");
        Assert.True(exit == 0, stderr);
        // 1 prompt × schnell's 4 default steps.
        Assert.Contains($"wrote {table}: ", stdout);
        Assert.Contains(" over 1 prompts (4 transformer runs)", stdout);

        var fp8 = Path.Combine(_dir, "fp8");
        (exit, stdout, stderr) = await CliRunner.RunAsync(["convert", .. Checkpoints(), "--precision", "fp8", "--target", "tensorrt", "--calibration-table", table, "--output", fp8]);
        Assert.True(exit == 0, stderr);
        Assert.Contains($"wrote {fp8}: flux1 schnell, fp8, target tensorrt", stdout);

        // The fp8 package is not an fp32 package: calibrating it is the user's error, one line, exit 2.
        (exit, _, stderr) = await CliRunner.RunAsync("calibrate", "--package", fp8, "--output", Path.Combine(_dir, "t2.json"));
        Assert.Equal(2, exit);
        Assert.StartsWith("flux: Package: ", stderr);
        Assert.Contains("is a fp8 package; calibration records the ranges of an fp32 package", stderr);
    }
}
