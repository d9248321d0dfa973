using FluxOnnx.Conditioning;
using FluxOnnx.Packaging;
using FluxOnnx.Pipeline;
using Xunit;

namespace FluxOnnx.Converter.Tests.EndToEnd;

/// <summary>
/// FLUX.1 Canny on a package converted from flux-tiny-canny. There is no golden Canny case in the public fixtures, so
/// this checks the plumbing only: the 128-channel graph runs on cat(x, control latent), outputs have the target's shape,
/// and the two ways of giving the control agree where they must.
/// </summary>
public sealed class CannyPlumbingTests(CannyPackage package) : IClassFixture<CannyPackage>
{
    [Fact]
    public void Control_from_an_image_runs_the_128_channel_transformer()
    {
        Assert.Equal(Variant.Canny, package.Manifest.Variant);
        var hidden = package.Manifest.Components[ComponentRoles.Transformer].Inputs.Single(i => i.Name == "hidden_states");
        Assert.Equal("128", hidden.Shape[2]);
        using var fixture = new FixtureCase("fill_sample_6steps_guid30_128x128");
        using var pipeline = FluxPipeline.Open(package.Path, new PipelineOptions { IntraOpThreads = 2 });
        var observer = new RecordingObserver();
        var images = pipeline.Generate(new GenerateRequest
        {
            Prompts = ["edges"], Seeds = [3], Steps = 2, Width = 96, Height = 64,
            ControlFrom = GoldenImages.Input(fixture, "input.png"), ControlKind = ControlKind.Canny,
        }, observer: observer);

        Assert.Equal((96, 64), (Assert.Single(images).Image.Width, images[0].Image.Height));
        Assert.Equal(24 * 64, observer.ImgCond.Length); // 6 x 4 tokens of 64 control-latent channels
        Assert.Equal(2, observer.Predictions.Count);
        Assert.All(observer.Predictions, p => Assert.Equal(24 * 64, p.Length));
        Assert.All(observer.Latents[^1], v => Assert.True(float.IsFinite(v)));
        Assert.Contains(observer.Predictions[0], v => v != 0);

        // The same edges given as a ready control image give the same conditioning.
        var edges = Imaging.PixelTensors.FromSignedUnitChw(
            Imaging.CannyControlImage.FromImage(Imaging.LanczosResizer.Resize(GoldenImages.Input(fixture, "input.png").Load(), 96, 64)), 64, 96);
        var direct = new RecordingObserver();
        pipeline.Generate(new GenerateRequest
        {
            Prompts = ["edges"], Seeds = [3], Steps = 2, Width = 96, Height = 64, Control = ImageSource.FromPixels(edges),
        }, observer: direct);
        Assert.Equal(observer.ImgCond, direct.ImgCond);
    }

    [Fact]
    public void Control_rules_name_the_argument()
    {
        using var fixture = new FixtureCase("fill_sample_6steps_guid30_128x128");
        using var pipeline = FluxPipeline.Open(package.Path, new PipelineOptions { IntraOpThreads = 2 });
        var input = GoldenImages.Input(fixture, "input.png");
        var neither = Assert.Throws<InvalidGenerateRequestException>(() => pipeline.Generate(GenerateRequest.For("x", 1)));
        Assert.Equal((nameof(GenerateRequest.Control), "neither"), (neither.Field.Member, neither.Actual));
        var both = Assert.Throws<InvalidGenerateRequestException>(() =>
            pipeline.Generate(GenerateRequest.For("x", 1) with { Control = input, ControlFrom = input }));
        Assert.Equal((nameof(GenerateRequest.Control), "both"), (both.Field.Member, both.Actual));
        var kind = Assert.Throws<InvalidGenerateRequestException>(() =>
            pipeline.Generate(GenerateRequest.For("x", 1) with { Control = input, ControlKind = ControlKind.Depth }));
        Assert.Equal((nameof(GenerateRequest.ControlKind), "Depth"), (kind.Field.Member, kind.Actual));
        var image = Assert.Throws<InvalidGenerateRequestException>(() =>
            pipeline.Generate(GenerateRequest.For("x", 1) with { Control = input, Image = input }));
        Assert.Equal(nameof(GenerateRequest.Image), image.Field.Member);
    }
}
