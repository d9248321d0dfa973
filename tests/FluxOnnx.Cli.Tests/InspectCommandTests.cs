using FluxOnnx.TestSupport;
using Xunit;

namespace FluxOnnx.Cli.Tests;

public sealed class InspectCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flux-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Safetensors_table_lists_every_tensor_with_totals()
    {
        var path = Path.Combine(SharedPaths.Models, "flux-tiny-schnell", "flux.safetensors");
        var (exit, stdout, stderr) = await CliRunner.RunAsync("inspect", path);
        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        // The fixture README documents 80 bfloat16 tensors holding 1,810,112 values (2 bytes each).
        Assert.Contains("80 tensors, 3,620,224 bytes", stdout);
        Assert.Contains("BF16: 3,620,224 bytes", stdout);
        Assert.Contains("double_blocks.0.img_attn.qkv.weight", stdout);
        Assert.Contains("[384, 128]", stdout);
    }

    [Fact]
    public async Task Truncated_file_exits_2_with_one_line_naming_the_file()
    {
        var source = Path.Combine(SharedPaths.Models, "ae.safetensors");
        var path = Path.Combine(_dir, "truncated.safetensors");
        await using (var input = File.OpenRead(source))
        await using (var output = File.Create(path))
        {
            var head = new byte[100];
            await input.ReadExactlyAsync(head);
            await output.WriteAsync(head);
        }
        var (exit, stdout, stderr) = await CliRunner.RunAsync("inspect", path);
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        var line = Assert.Single(stderr.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("flux: ", line);
        Assert.Contains(path, line);
        Assert.Contains("header length runs past the end of the file", line);
    }

    [Fact]
    public async Task Unknown_file_kind_exits_2()
    {
        var path = Path.Combine(_dir, "notes.txt");
        await File.WriteAllTextAsync(path, "hello");
        var (exit, _, stderr) = await CliRunner.RunAsync("inspect", path);
        Assert.Equal(2, exit);
        Assert.Equal($"flux: {path}: unknown file kind: expected a package folder, a .onnx model, a .safetensors file or a .safetensors.index.json\n", stderr);
    }

    [Fact]
    public async Task Garbage_onnx_exits_2_naming_the_file()
    {
        var path = Path.Combine(_dir, "broken.onnx");
        await File.WriteAllBytesAsync(path, [0xff, 0xff, 0xff, 0xff, 0x0f]);
        var (exit, _, stderr) = await CliRunner.RunAsync("inspect", path);
        Assert.Equal(2, exit);
        Assert.StartsWith($"flux: {path}: not a valid ONNX model", stderr);
    }

    [Fact]
    public async Task Missing_path_exits_2()
    {
        var path = Path.Combine(_dir, "nope.safetensors");
        var (exit, _, stderr) = await CliRunner.RunAsync("inspect", path);
        Assert.Equal(2, exit);
        Assert.Equal($"flux: {path}: no such file or folder\n", stderr);
    }
}
