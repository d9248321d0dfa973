using FluxOnnx.Pipeline;
using Xunit;

namespace FluxOnnx.Tests.Pipeline;

/// <summary>The pipeline takes the latent grid from the manifest's LatentSpace, not from a built-in /8.</summary>
[Collection(PipelineCollection.Name)]
public sealed class LatentSpaceFromManifestTests(StandInPackages packages)
{
    private static readonly GenerateRequest Valid = GenerateRequest.For("a cat", 1);

    [Fact]
    public void Size_check_quotes_the_manifests_downsample_times_the_patch()
    {
        var folder = packages.Write(new StandInSpec { Downsample = 4 });
        using var pipeline = FluxPipeline.Open(folder, StandInPackages.Options());
        var error = Assert.Throws<InvalidGenerateRequestException>(() => pipeline.Generate(Valid with { Width = 52, Height = 24 }));
        Assert.Equal(("Width", "a positive multiple of 8 pixels", "52"), (error.Field.Member, error.Expected, error.Actual));
    }

    [Fact]
    public void Noise_latents_and_decoded_image_follow_the_manifests_downsample()
    {
        // 40 x 24 is refused by a downsample-8 package (not a multiple of 16) and valid at downsample 4 (multiple of 8).
        var folder = packages.Write(new StandInSpec { Downsample = 4 });
        using var pipeline = FluxPipeline.Open(folder, StandInPackages.Options());
        var recorder = new RecordingObserver();
        var image = Assert.Single(pipeline.Generate(Valid with { Width = 40, Height = 24, Steps = 1 }, recorder, recorder));

        Assert.Equal(16 * (24 / 4) * (40 / 4), recorder.Noise!.Length);              // [1, 16, 6, 10]
        Assert.Equal((24 / 8) * (40 / 8) * 64, Assert.Single(recorder.Latents).Length); // 3 x 5 tokens of 2x2 x 16
        Assert.Equal(3 * 24 * 40, recorder.Decoded!.Length);
        Assert.Equal((40, 24), (image.Parameters.Width, image.Parameters.Height));

        using var eight = FluxPipeline.Open(packages.Schnell, StandInPackages.Options());
        var refused = Assert.Throws<InvalidGenerateRequestException>(() => eight.Generate(Valid with { Width = 40, Height = 24 }));
        Assert.Equal("a positive multiple of 16 pixels", refused.Expected);
    }
}
