using System.Text.Json;
using FluxOnnx.Converter.Checkpoints;
using FluxOnnx.Converter.Conversion;
using FluxOnnx.Converter.Tests.Formats;
using FluxOnnx.Converter.Tests.Safetensors;
using FluxOnnx.Packaging;
using FluxOnnx.TestSupport;
using Xunit;

namespace FluxOnnx.Converter.Tests.Conversion;

/// <summary>The variant comes from the weights or the request, never from a file name; what weights cannot tell is an error.</summary>
public sealed class VariantDetectionTests
{
    [Theory]
    [InlineData(384, true, Variant.Fill)]
    [InlineData(384, false, Variant.Fill)]
    [InlineData(64, false, Variant.Schnell)]
    public void Weights_that_tell_the_variant_give_it(long inChannels, bool guidance, Variant expected) =>
        Assert.Equal(expected, VariantDefaults.Detect(inChannels, guidance));

    [Theory]
    [InlineData(128, true, new[] { Variant.Canny, Variant.Depth })]
    [InlineData(64, true, new[] { Variant.Dev, Variant.Kontext, Variant.Redux })]
    public void Weights_that_fit_several_variants_name_the_candidates(long inChannels, bool guidance, Variant[] candidates)
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
        Assert.Equal([Variant.Schnell, Variant.Dev, Variant.Fill, Variant.Canny, Variant.Depth, Variant.Kontext, Variant.Redux], e.Candidates);
        Assert.Contains("expected one of schnell, dev, fill, canny, depth, kontext, redux (the weights cannot tell which: ", e.Message);
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

        Assert.Equal([Variant.Canny, Variant.Depth], e.Candidates);
        Assert.StartsWith("variant: expected one of canny, depth (the weights cannot tell which: img_in.weight takes 128 input channels", e.Message);
        Assert.False(Directory.Exists(output));
        Assert.Single(Directory.EnumerateFileSystemEntries(dir.Path));
    }

    [Theory]
    [InlineData("FluxPipeline", Variant.Dev)]
    [InlineData("FluxKontextPipeline", Variant.Kontext)]
    public void The_diffusers_pipeline_class_tells_dev_from_kontext(string pipelineClass, Variant expected) =>
        Assert.Equal(expected, VariantDefaults.Detect(64, true, pipelineClass));

    [Fact]
    public void The_control_pipeline_class_does_not_tell_canny_from_depth()
    {
        var e = Assert.Throws<AmbiguousVariantException>(() => VariantDefaults.Detect(128, true, "FluxControlPipeline"));
        Assert.Equal([Variant.Canny, Variant.Depth], e.Candidates);
    }

    [Fact]
    public void A_malformed_model_index_names_the_file()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File(DiffusersPipelineClass.FileName), """{ "_class_name": """);
        var e = Assert.Throws<CheckpointException>(() => DiffusersPipelineClass.Read(dir.Path));
        Assert.StartsWith($"{dir.File(DiffusersPipelineClass.FileName)}: not valid JSON: ", e.Message);
        Assert.Null(DiffusersPipelineClass.Read(dir.File("absent")));
    }

    [Fact]
    public void A_kontext_pipeline_folder_converts_as_kontext_without_a_variant()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File(DiffusersPipelineClass.FileName), JsonSerializer.Serialize(new { _class_name = "FluxKontextPipeline" }));
        var transformer = Directory.CreateDirectory(dir.File("transformer")).FullName;
        var kontext = Path.Combine(SharedPaths.Models, "flux-tiny-kontext");
        RawTensor.Save(Path.Combine(transformer, "diffusion_pytorch_model.safetensors"),
            FixtureRelayout.ToDiffusersTransformer(RawTensor.Load(Path.Combine(kontext, "flux.safetensors"))));
        FixtureRelayout.WriteDiffusersConfig(transformer, "FluxTransformer2DModel");

        var manifest = PackageConverter.Convert(new ConvertRequest(dir.File("package"), Diffusers: dir.Path,
            TransformerConfig: Path.Combine(kontext, "flux_params.json")));

        Assert.Equal(Variant.Kontext, manifest.Variant);
    }
}
