using FluxOnnx.Conditioning;
using FluxOnnx.Converter.Tests.Conversion;
using FluxOnnx.Imaging;
using FluxOnnx.Pipeline;
using Xunit;
using Xunit.Abstractions;

namespace FluxOnnx.Converter.Tests.EndToEnd;

/// <summary>
/// JPEG and WebP init images on the img2img_schnell_4steps_str0.6_128x128 request: a file in either format gives
/// exactly the img2img result of its decoded pixels written as PNG (so the format changes nothing past decoding),
/// and a lossless WebP of init.png reproduces the golden case itself.
/// </summary>
public sealed class Img2ImgInputFormatTests(FixturePackage package, ITestOutputHelper output) : IClassFixture<FixturePackage>, IDisposable
{
    private const string CaseName = "img2img_schnell_4steps_str0.6_128x128";

    private readonly string _dir = Directory.CreateTempSubdirectory("flux-formats-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (RecordingObserver Observer, PixelImage Image) Run(FluxPipeline pipeline, FixtureCase fixture, string initPath)
    {
        var observer = new RecordingObserver();
        var images = pipeline.Generate(new GenerateRequest
        {
            Prompts = [GoldenImages.Prompt(fixture)],
            Seeds = [(ulong)GoldenImages.Int(fixture, "seed")],
            Steps = GoldenImages.Int(fixture, "num_steps"),
            Image = ImageSource.FromFile(initPath),
            Strength = GoldenImages.Number(fixture, "strength"),
        }, observer: observer);
        return (observer, Assert.Single(images).Image);
    }

    private static void AssertSameRun((RecordingObserver Observer, PixelImage Image) a, (RecordingObserver Observer, PixelImage Image) b)
    {
        Assert.Equal(a.Observer.InitLatent, b.Observer.InitLatent);
        Assert.Equal(a.Observer.Img, b.Observer.Img);
        Assert.Equal(a.Observer.Latents.Count, b.Observer.Latents.Count);
        for (var step = 0; step < a.Observer.Latents.Count; step++)
        {
            Assert.Equal(a.Observer.Latents[step], b.Observer.Latents[step]);
        }
        Assert.Equal(a.Image.Pixels, b.Image.Pixels);
    }

    [Theory]
    [InlineData("jpeg")]
    [InlineData("webp")]
    public void A_lossy_init_image_gives_the_img2img_result_of_its_pixels_as_png(string format)
    {
        using var fixture = new FixtureCase(CaseName);
        var init = ImageDecoder.DecodeFile(Path.Combine(fixture.Folder, "init.png"));
        var lossyPath = Path.Combine(_dir, format == "jpeg" ? "init.jpg" : "init.webp");
        File.WriteAllBytes(lossyPath, format == "jpeg" ? JpegEncoder.Encode(init, 90) : WebpEncoder.Encode(init, 90));

        var decoded = ImageDecoder.DecodeFile(lossyPath);
        Assert.Equal((128, 128, 3), (decoded.Width, decoded.Height, decoded.Channels));
        var changed = decoded.Pixels.Zip(init.Pixels).Count(p => p.First != p.Second);
        Assert.True(changed > 1000, $"only {changed} samples changed: the lossy file would not test anything"); // really lossy
        var pngPath = Path.Combine(_dir, "decoded.png");
        PngEncoder.WriteFile(pngPath, decoded);

        using var pipeline = FluxPipeline.Open(package.Path, new PipelineOptions { IntraOpThreads = 2 });
        var fromLossy = Run(pipeline, fixture, lossyPath);
        var fromPng = Run(pipeline, fixture, pngPath);
        AssertSameRun(fromLossy, fromPng);
        output.WriteLine($"{format}: {changed} of {init.Pixels.Length} init samples changed by the codec; both runs identical over {fromLossy.Observer.Latents.Count} steps");
    }

    [Fact]
    public void A_lossless_webp_init_image_is_the_png_exactly_and_reproduces_the_golden_case()
    {
        using var fixture = new FixtureCase(CaseName);
        var initPng = Path.Combine(fixture.Folder, "init.png");
        var init = ImageDecoder.DecodeFile(initPng);
        var webpPath = Path.Combine(_dir, "init.webp");
        File.WriteAllBytes(webpPath, WebpEncoder.EncodeLossless(init));
        Assert.Equal(init.Pixels, ImageDecoder.DecodeFile(webpPath).Pixels);

        using var pipeline = FluxPipeline.Open(package.Path, new PipelineOptions { IntraOpThreads = 2 });
        var fromWebp = Run(pipeline, fixture, webpPath);
        var fromPng = Run(pipeline, fixture, initPng);
        AssertSameRun(fromWebp, fromPng);
        Assert.InRange(FixtureCase.MaxAbs(fromWebp.Observer.InitLatent, fixture.Floats("x0")), 0, 1e-4);
        Assert.InRange(GoldenImages.DifferingSamples(fixture, fromWebp.Image), 0, 16);
    }
}
