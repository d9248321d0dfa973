using FluxOnnx.Runtime.Providers;
using FluxOnnx.Packaging;
using FluxOnnx.Pipeline;
using Xunit;

namespace FluxOnnx.Tests.Pipeline;

public sealed class ProviderCompatibilityTests
{
    private static PackageManifest Manifest(string precision, params string[] verified) => new(
        1, "FluxOnnx test", "flux1", FluxVariants.Schnell, precision, "cpu", verified,
        new SamplingDefaults(4, null, false, 256, 256), new LatentSpace(16, 8, 0.3611, 0.1159), new TextLengths(77, 256),
        new Dictionary<string, ComponentManifest>(), new Dictionary<string, string>(), [], new Dictionary<string, string>());

    [Theory]
    [InlineData("int4")]
    [InlineData("int8")]
    [InlineData("fp8")]
    [InlineData("bf16")]
    public void Quantized_package_is_refused_on_an_unverified_provider(string precision)
    {
        var e = Assert.Throws<UnverifiedProviderException>(() => ProviderCompatibility.Check(Manifest(precision, "cpu"), ExecutionProviderKind.DirectMl, false));
        Assert.Equal(precision, e.Precision);
        Assert.Equal("directml", e.Provider);
        Assert.Equal(["cpu"], e.Verified);
        Assert.StartsWith($"This {precision} package has been verified on cpu only, not on directml", e.Message);
    }

    [Fact]
    public void Quantized_package_runs_where_it_was_verified_or_when_allowed()
    {
        ProviderCompatibility.Check(Manifest("int4", "cpu"), ExecutionProviderKind.Cpu, false);
        ProviderCompatibility.Check(Manifest("int4", "cpu", "cuda"), ExecutionProviderKind.Cuda, false);
        ProviderCompatibility.Check(Manifest("int4", "cpu"), ExecutionProviderKind.TensorRt, allowUnverified: true);
    }

    [Theory]
    [InlineData("fp32")]
    [InlineData("fp16")]
    public void Portable_precisions_run_on_any_provider(string precision) =>
        ProviderCompatibility.Check(Manifest(precision, "cpu"), ExecutionProviderKind.TensorRt, false);
}
