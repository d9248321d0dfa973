using FluxOnnx.Packaging;
using Xunit;

namespace FluxOnnx.Package.Tests;

/// <summary>A variant, precision or target this build does not know fails with a <see cref="ManifestValueException"/>
/// naming the file, the member, the names allowed and the value found.</summary>
public sealed class ManifestValueTests
{
    private const string Where = "/packages/x/manifest.json";

    [Fact]
    public void An_unknown_precision_is_refused_naming_the_member_the_choices_and_the_value()
    {
        var json = KnownManifest.Json.Replace("\"precision\": \"fp16\"", "\"precision\": \"fp12\"");
        var e = Assert.Throws<ManifestValueException>(() => PackageManifestJson.Parse(json, Where));
        Assert.Equal(Where, e.PackagePath);
        Assert.Equal("precision", e.Field);
        Assert.Equal(["fp32", "fp16", "bf16", "fp8", "int8", "int4"], e.Expected);
        Assert.Equal("'fp12'", e.Actual);
        Assert.Equal($"{Where}: manifest member 'precision': expected one of fp32, fp16, bf16, fp8, int8, int4, got 'fp12'", e.Message);
        Assert.IsAssignableFrom<PackageException>(e);
    }

    [Fact]
    public void A_variant_spelled_as_the_enum_member_is_refused()
    {
        var json = KnownManifest.Json.Replace("\"variant\": \"schnell\"", "\"variant\": \"Schnell\"");
        var e = Assert.Throws<ManifestValueException>(() => PackageManifestJson.Parse(json, Where));
        Assert.Equal("variant", e.Field);
        Assert.Equal(["schnell", "dev", "fill", "canny", "depth", "kontext", "redux"], e.Expected);
        Assert.Equal("'Schnell'", e.Actual);
    }

    [Theory]
    [InlineData("3", "3")]
    [InlineData("null", "null")]
    [InlineData("\"rocm\"", "'rocm'")]
    public void A_target_that_is_no_target_name_is_refused(string value, string actual)
    {
        var json = KnownManifest.Json.Replace("\"target\": \"cuda\"", $"\"target\": {value}");
        var e = Assert.Throws<ManifestValueException>(() => PackageManifestJson.Parse(json, Where));
        Assert.Equal("target", e.Field);
        Assert.Equal(["cpu", "cuda", "directml", "tensorrt"], e.Expected);
        Assert.Equal(actual, e.Actual);
        Assert.Equal($"{Where}: manifest member 'target': expected one of cpu, cuda, directml, tensorrt, got {actual}", e.Message);
    }
}
