using FluxOnnx.Converter.Tests.Conversion;
using FluxOnnx.Pipeline;
using Xunit;
using Xunit.Abstractions;

namespace FluxOnnx.Converter.Tests.EndToEnd;

/// <summary>
/// img2img_schnell_4steps_str0.6_128x128 reproduced from the prompt, the seed, init.png and the strength alone:
/// VAE-encoded init image, start index int((1 − 0.6)·4) = 1, blend at t = 0.75, three schnell steps, decode, PNG.
/// </summary>
public sealed class Img2ImgSchnellTests(FixturePackage package, ITestOutputHelper output) : IClassFixture<FixturePackage>
{
    [Fact]
    public void Prompt_seed_init_image_and_strength_reproduce_every_step_and_the_png()
    {
        using var fixture = new FixtureCase("img2img_schnell_4steps_str0.6_128x128");
        var atol = fixture.SuggestedAtol;
        using var pipeline = FluxPipeline.Open(package.Path, new PipelineOptions { IntraOpThreads = 2 });
        var observer = new RecordingObserver();
        var images = pipeline.Generate(new GenerateRequest
        {
            Prompts = [GoldenImages.Prompt(fixture)],
            Seeds = [(ulong)GoldenImages.Int(fixture, "seed")],
            Steps = GoldenImages.Int(fixture, "num_steps"),
            Image = GoldenImages.Input(fixture, "init.png"),
            Strength = GoldenImages.Number(fixture, "strength"),
        }, observer: observer);

        Assert.Equal(fixture.Floats("noise"), observer.Noise);
        Assert.Equal(fixture.Floats("timesteps"), observer.Timesteps); // [0.75, 0.5, 0.25, 0]: timesteps_full[1:]
        var x0 = FixtureCase.MaxAbs(observer.InitLatent, fixture.Floats("x0"));
        var img = FixtureCase.MaxAbs(observer.Img, fixture.Floats("img"));
        Assert.InRange(x0, 0, 1e-4);
        Assert.InRange(img, 0, 1e-4);
        Assert.Equal(GoldenImages.Int(fixture, "denoise_steps_run"), observer.Latents.Count);
        var (pred, latent) = GoldenImages.StepErrors(fixture, observer);
        Assert.InRange(pred, 0, atol);
        Assert.InRange(latent, 0, atol);
        var differing = GoldenImages.DifferingSamples(fixture, Assert.Single(images).Image);
        Assert.InRange(differing, 0, 16);
        output.WriteLine($"img2img: x0 {x0:E2}, img {img:E2}, pred {pred:E2}, latent {latent:E2} (atol {atol}), samples off by 1: {differing}");
    }
}
