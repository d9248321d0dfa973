using FluxOnnx.Conditioning;
using FluxOnnx.Imaging;
using FluxOnnx.Packaging;
using FluxOnnx.Pipeline;
using Xunit;

namespace FluxOnnx.Tests.Pipeline;

/// <summary>
/// img2img, Fill and Kontext take their latent grid, mask packing and size multiple from the manifest's LatentSpace:
/// a stand-in package with downsample 4 (pixel multiple 2 · 4 = 8) runs 40 × 24 images, which a FLUX.1 (downsample 8,
/// multiple 16) package refuses, and every shape below is the downsample-4 one.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class ImageInputsFromLatentSpaceTests(StandInPackages packages)
{
    // 40 x 24 pixels at downsample 4: latent [1, 16, 6, 10], 3 x 5 = 15 tokens of 2x2 x 16 = 64 channels.
    private const int Width = 40, Height = 24, Tokens = 15;

    private static readonly GenerateRequest Base = GenerateRequest.For("a cat", 1) with { Steps = 1 };

    private static ImageSource Rgb(int width, int height) =>
        ImageSource.FromPixels(new PixelImage(width, height, 3, Enumerable.Range(0, width * height * 3).Select(i => (byte)(i * 7)).ToArray()));

    private static ImageSource Gray(int width, int height) =>
        ImageSource.FromPixels(new PixelImage(width, height, 1, Enumerable.Range(0, width * height).Select(i => (byte)(i % 2 * 255)).ToArray()));

    private string Package(Variant variant, int transformerInChannels = 64) => packages.Write(new StandInSpec
    {
        Variant = variant, Downsample = 4, VaeEncoder = true, TransformerInChannels = transformerInChannels,
    });

    [Fact]
    public void Img2img_encodes_the_init_image_to_the_downsample_4_latent()
    {
        using var pipeline = FluxPipeline.Open(Package(Variant.Schnell), StandInPackages.Options());
        var recorder = new RecordingObserver();

        var image = Assert.Single(pipeline.Generate(Base with { Image = Rgb(Width, Height), Strength = 1.0, Steps = 2 }, recorder, recorder));

        Assert.Equal((6, 10), recorder.LatentSize);
        Assert.Equal(16 * 6 * 10, recorder.InitLatent!.Length); // x0 [1, 16, 6, 10]
        Assert.Equal(16 * 6 * 10, recorder.Noise!.Length);
        Assert.Equal(Tokens * 3, recorder.ImgIds!.Length);
        Assert.All(recorder.Latents, l => Assert.Equal(Tokens * 64, l.Length));
        Assert.Equal((Width, Height), (image.Image.Width, image.Image.Height));
    }

    [Fact]
    public void Img2img_refuses_an_init_image_that_is_not_a_multiple_of_8_naming_the_field()
    {
        using var pipeline = FluxPipeline.Open(Package(Variant.Schnell), StandInPackages.Options());

        var e = Assert.Throws<InvalidGenerateRequestException>(() => pipeline.Generate(Base with { Image = Rgb(44, 24), Strength = 0.5 }));

        Assert.Equal((nameof(GenerateRequest.Image), "44x24"), (e.Field.Member, e.Actual));
        Assert.Equal("a target size (the init image's size, or Width and Height) whose sides are positive multiples of 8 pixels", e.Expected);
    }

    [Fact]
    public void Fill_packs_the_mask_in_4x4_blocks_into_64_channels()
    {
        // Fill hidden_states: 64 (noise) + 64 (masked-image latent) + 4 · 4² = 64 (mask) = 192, not FLUX.1's 384.
        Assert.Equal(192, PackageContract.TransformerInChannels(Variant.Fill, new LatentSpace(16, 4, 0.3611, 0.1159)));
        using var pipeline = FluxPipeline.Open(Package(Variant.Fill, 192), StandInPackages.Options());
        var recorder = new RecordingObserver();

        var image = Assert.Single(pipeline.Generate(Base with { Image = Rgb(Width, Height), Mask = Gray(Width, Height) }, recorder, recorder));

        Assert.Equal(Tokens * (64 + 64), recorder.ImgCond!.Length); // img_cond [1, 15, 128]
        Assert.Equal(16 * 6 * 10, recorder.Noise!.Length);
        Assert.Equal(Tokens * 64, Assert.Single(recorder.Latents).Length);
        Assert.Equal((Width, Height), (image.Image.Width, image.Image.Height));
    }

    [Fact]
    public void Fill_refuses_a_source_that_is_not_a_multiple_of_8_naming_the_field()
    {
        using var pipeline = FluxPipeline.Open(Package(Variant.Fill, 192), StandInPackages.Options());

        var e = Assert.Throws<InvalidGenerateRequestException>(
            () => pipeline.Generate(Base with { Image = Rgb(36, 24), Mask = Gray(36, 24) }));

        Assert.Equal((nameof(GenerateRequest.Image), "36x24"), (e.Field.Member, e.Actual));
        Assert.Equal("a target size (the source image's size (after Outpaint padding)) whose sides are positive multiples of 8 pixels", e.Expected);
    }

    [Fact]
    public void Kontext_reference_is_rounded_to_a_multiple_of_8_and_packed_at_downsample_4()
    {
        using var pipeline = FluxPipeline.Open(Package(Variant.Kontext), StandInPackages.Options());
        var recorder = new RecordingObserver();

        // 44 x 28 with the reference's own size: rounded down to 40 x 24 (16 px would give 32 x 16).
        var image = Assert.Single(pipeline.Generate(Base with { Image = Rgb(44, 28), KeepReferenceSize = true }, recorder, recorder));

        Assert.Equal((Width, Height), (image.Image.Width, image.Image.Height)); // the target takes the reference's size
        Assert.Equal(Tokens * 64, recorder.ReferenceTokens!.Length);             // img_cond_seq [1, 15, 64]
        var ids = recorder.ReferenceIds!;
        Assert.Equal(Tokens * 3, ids.Length);                                    // (1, i, j) over 3 rows x 5 columns
        Assert.Equal([1f, 2, 4], ids[^3..]);
        Assert.Equal(Tokens * 64, Assert.Single(recorder.Latents).Length);       // sliced back to the target tokens
        Assert.Equal((8, 8), KontextReference.Size(12, 9, keepSize: true, pixelMultiple: 8));
    }

    [Fact]
    public void Kontext_refuses_a_reference_under_the_multiple_naming_the_field()
    {
        using var pipeline = FluxPipeline.Open(Package(Variant.Kontext), StandInPackages.Options());

        var e = Assert.Throws<InvalidGenerateRequestException>(
            () => pipeline.Generate(Base with { Image = Rgb(6, 30), KeepReferenceSize = true }));

        Assert.Equal((nameof(GenerateRequest.Image), "a reference of at least 8x8 pixels", "6x30"), (e.Field.Member, e.Expected, e.Actual));
    }

    [Fact]
    public void A_downsample_8_package_refuses_the_same_image_with_multiple_16()
    {
        using var pipeline = FluxPipeline.Open(packages.Write(new StandInSpec { VaeEncoder = true }), StandInPackages.Options());

        var e = Assert.Throws<InvalidGenerateRequestException>(() => pipeline.Generate(Base with { Image = Rgb(Width, Height), Strength = 0.5 }));

        Assert.Equal((nameof(GenerateRequest.Image), $"{Width}x{Height}"), (e.Field.Member, e.Actual));
        Assert.EndsWith("positive multiples of 16 pixels", e.Expected);
    }
}
