using FluxOnnx.Converter.Conversion;
using FluxOnnx.Converter.Tests.Safetensors;
using FluxOnnx.Packaging;
using FluxOnnx.TestSupport;
using Xunit;

namespace FluxOnnx.Converter.Tests.Conversion;

/// <summary>The variant comes from the weights or the request, never from a file name; what weights cannot tell is an error.</summary>
public sealed class VariantDetectionTests
{
    [Theory]
    [InlineData(384, true, FluxVariants.Fill)]
    [InlineData(384, false, FluxVariants.Fill)]
    [InlineData(64, false, FluxVariants.Schnell)]
    public void Weights_that_tell_the_variant_give_it(long inChannels, bool guidance, string expected) =>
        Assert.Equal(expected, VariantDefaults.Detect(inChannels, guidance));

    [Theory]
    [InlineData(128, true, new[] { FluxVariants.Canny, FluxVariants.Depth })]
    [InlineData(64, true, new[] { FluxVariants.Dev, FluxVariants.Kontext, FluxVariants.Redux })]
    public void Weights_that_fit_several_variants_name_the_candidates(long inChannels, bool guidance, string[] candidates)
    {
        var e = Assert.Throws<AmbiguousVariantException>(() => VariantDefaults.Detect(inChannels, guidance));
        Assert.Equal(candidates, e.Candidates);
        Assert.Equal(nameof(ConvertRequest.Variant), e.Field.Member);
        Assert.Equal("null", e.Actual);
        Assert.Contains($"img_in.weight takes {inChannels} input channels, guidance_in present", e.Message);
    }

    [Fact]
    public void An_unknown_input_width_is_no_variant()
    {
        var e = Assert.Throws<AmbiguousVariantException>(() => VariantDefaults.Detect(96, false));
        Assert.Equal(FluxVariants.All, e.Candidates);
        Assert.EndsWith("img_in.weight takes 96 input channels, guidance_in absent, which no known variant has), got null.", e.Message);
    }

    [Fact]
    public void A_file_named_after_a_variant_does_not_decide_it()
    {
        using var dir = new TempDirectory();
        var depthNamed = dir.File("flux1-depth-dev.safetensors");
        File.CreateSymbolicLink(depthNamed, Path.Combine(SharedPaths.Models, "flux-tiny-canny", "flux.safetensors"));
        var output = dir.File("package");
        var request = FixturePackage.Request(output, "flux-tiny-canny") with { Transformer = depthNamed };

        var e = Assert.Throws<AmbiguousVariantException>(() => PackageConverter.Convert(request));

        Assert.Equal([FluxVariants.Canny, FluxVariants.Depth], e.Candidates);
        Assert.StartsWith("variant: expected one of canny, depth (the weights cannot tell which: img_in.weight takes 128 input channels", e.Message);
        Assert.False(Directory.Exists(output));
        Assert.Single(Directory.EnumerateFileSystemEntries(dir.Path));
    }
}
