using FluxOnnx.Converter.Tests.Conversion;
using FluxOnnx.Imaging;
using FluxOnnx.Pipeline;
using Xunit;

namespace FluxOnnx.Converter.Tests.EndToEnd;

/// <summary>
/// sample_schnell_4steps_128x128 reproduced from the prompt text and the seed alone, on a package converted from
/// the fixture checkpoints: tokenizers, encoders, bf16 noise, schedule, four transformer steps, VAE decode, PNG.
/// </summary>
public sealed class SampleSchnellTests(FixturePackage package) : IClassFixture<FixturePackage>
{
    [Fact]
    public void Prompt_and_seed_reproduce_every_step_and_the_png()
    {
        using var fixture = new FixtureCase("sample_schnell_4steps_128x128");
        var atol = fixture.SuggestedAtol;
        using var pipeline = FluxPipeline.Open(package.Path, new PipelineOptions { IntraOpThreads = 2, VerifyHashes = true });
        var observer = new RecordingObserver();
        var images = pipeline.Generate(new GenerateRequest { Prompts = ["a dog on a beach"], Seeds = [42], Width = 128, Height = 128 }, observer: observer);

        Assert.Equal(fixture.Floats("noise"), observer.Noise); // bit-exact torch bf16 randn
        Assert.Equal(fixture.Floats("img"), observer.Img);
        Assert.Equal(fixture.Floats("timesteps"), observer.Timesteps);
        Assert.InRange(FixtureCase.MaxAbs(observer.Txt, fixture.Floats("txt")), 0, 1e-4);
        Assert.InRange(FixtureCase.MaxAbs(observer.Vec, fixture.Floats("vec")), 0, 1e-4);
        Assert.Equal(4, observer.Latents.Count);
        for (var step = 0; step < 4; step++)
        {
            Assert.InRange(FixtureCase.MaxAbs(observer.Predictions[step], fixture.Floats($"pred.step_{step}")), 0, atol);
            Assert.InRange(FixtureCase.MaxAbs(observer.Latents[step], fixture.Floats($"latent.step_{step}")), 0, atol);
        }
        Assert.InRange(FixtureCase.MaxAbs(observer.Decoded, fixture.Floats("decoded")), 0, atol);

        // Pixels: identical but for ±1 on a handful (the reference itself flips 4 between float32 and float64).
        var expected = ImageDecoder.DecodeFile(Path.Combine(fixture.Folder, "image.png"));
        var actual = Assert.Single(images).Image;
        Assert.Equal((expected.Width, expected.Height, expected.Channels), (actual.Width, actual.Height, actual.Channels));
        var differing = 0;
        for (var i = 0; i < expected.Pixels.Length; i++)
        {
            var d = Math.Abs(expected.Pixels[i] - actual.Pixels[i]);
            Assert.InRange(d, 0, 1);
            differing += d;
        }
        Assert.InRange(differing, 0, 16);
    }
}
