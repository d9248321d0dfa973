using FluxOnnx.Cli;
using FluxOnnx.Server.Tests.Support;
using Xunit;

namespace FluxOnnx.Server.Tests;

/// <summary><c>flux serve</c>'s option errors: one line naming the flag, exit 2, nothing started.</summary>
[Collection(ServerCollection.Name)]
public sealed class ServeCommandTests(TinyPackages packages)
{
    [Theory]
    [InlineData(new[] { "--host", "localhost" }, "flux: --host takes an IP address, got 'localhost'")]
    [InlineData(new[] { "--name", "a", "--name", "b" }, "flux: --name was given 2 times for 1 --package")]
    [InlineData(new[] { "--provider", "metal" }, "flux: Unknown execution provider 'metal'")]
    public async Task Bad_options_exit_2_with_one_line(string[] extra, string message)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exit = await CliApp.RunAsync(["serve", "--package", packages.Schnell, "--port", "0", .. extra], stdout, stderr);

        Assert.Equal(2, exit);
        Assert.Contains(message, stderr.ToString());
        Assert.DoesNotContain("listening", stderr.ToString());
    }

    [Fact]
    public async Task A_missing_package_is_refused_when_loading()
    {
        var missing = Path.Combine(packages.Root, "no-such-package");
        var stderr = new StringWriter();

        var exit = await CliApp.RunAsync(["serve", "--package", missing, "--port", "0"], new StringWriter(), stderr);

        Assert.Equal(2, exit);
        Assert.Contains($"flux: {missing}: no such package folder", stderr.ToString());
    }
}
