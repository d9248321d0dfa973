using FluxOnnx.Runtime.Providers;
using FluxOnnx.Packaging;
using FluxOnnx.Pipeline;
using Xunit;

namespace FluxOnnx.Tests.Pipeline;

public sealed class ProviderCompatibilityTests
{
    private static PackageManifest Manifest(Precision precision, params string[] verified) => new(
        1, "FluxOnnx test", "flux1", Variant.Schnell, precision, Target.Cpu, verified,
        new SamplingDefaults(4, null, false, 256, 256), new LatentSpace(16, 8, 0.3611, 0.1159), new TextLengths(77, 256),
        new Dictionary<string, ComponentManifest>(), new Dictionary<string, string>(), [], new Dictionary<string, string>());

    [Theory]
    [InlineData(Precision.Int4, "int4")]
    [InlineData(Precision.Int8, "int8")]
    [InlineData(Precision.Fp8, "fp8")]
    [InlineData(Precision.Bf16, "bf16")]
    public void Quantized_package_is_refused_on_an_unverified_provider(Precision precision, string name)
    {
        var e = Assert.Throws<UnverifiedProviderException>(() => ProviderCompatibility.Check(Manifest(precision, "cpu"), ExecutionProviderKind.DirectMl, false));
        Assert.Equal(precision, e.Precision);
        Assert.Equal("directml", e.Provider);
        Assert.Equal(["cpu"], e.Verified);
        Assert.StartsWith($"This {name} package has been verified on cpu only, not on directml", e.Message);
    }

    [Fact]
    public void Quantized_package_runs_where_it_was_verified_or_when_allowed()
    {
        ProviderCompatibility.Check(Manifest(Precision.Int4, "cpu"), ExecutionProviderKind.Cpu, false);
        ProviderCompatibility.Check(Manifest(Precision.Int4, "cpu", "cuda"), ExecutionProviderKind.Cuda, false);
        ProviderCompatibility.Check(Manifest(Precision.Int4, "cpu"), ExecutionProviderKind.TensorRt, allowUnverified: true);
    }

    [Theory]
    [InlineData(Precision.Fp32)]
    [InlineData(Precision.Fp16)]
    public void Portable_precisions_run_on_any_provider(Precision precision) =>
        ProviderCompatibility.Check(Manifest(precision, "cpu"), ExecutionProviderKind.TensorRt, false);
}
