using FluxOnnx.Cli;
using FluxOnnx.Imaging;
using Xunit;

namespace FluxOnnx.Server.Tests.Support;

/// <summary>Runs <c>flux generate</c> in-process (the CLI the server's images must equal) and decodes its output.</summary>
internal static class FluxGenerate
{
    public static async Task<PixelImage> RunAsync(string folder, params string[] args)
    {
        var output = Path.Combine(folder, "generate-" + Guid.NewGuid().ToString("N") + ".png");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await CliApp.RunAsync(["generate", .. args, "--output", output, "--threads", "1"], stdout, stderr);
        Assert.True(exit == 0, $"flux generate exited {exit}: {stderr}");
        return ImageDecoder.DecodeFile(output);
    }
}
