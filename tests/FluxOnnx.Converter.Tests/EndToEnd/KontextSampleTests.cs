using FluxOnnx.Packaging;
using FluxOnnx.Pipeline;
using Xunit;
using Xunit.Abstractions;

namespace FluxOnnx.Converter.Tests.EndToEnd;

/// <summary>
/// kontext_sample_6steps_guid2.5_128x128 reproduced from prompt, seed and reference.png on a package converted from
/// flux-tiny-kontext (variant given: the weights are a dev model's). The reference keeps its 128x128 size: the case
/// ran BFL's snapping on a 1/8-scale list, which maps a square 128x128 reference to itself.
/// </summary>
public sealed class KontextSampleTests(KontextPackage package, ITestOutputHelper output) : IClassFixture<KontextPackage>
{
    [Fact]
    public void Prompt_seed_and_reference_reproduce_every_step_and_the_png()
    {
        using var fixture = new FixtureCase("kontext_sample_6steps_guid2.5_128x128");
        Assert.Equal(Variant.Kontext, package.Manifest.Variant);
        Assert.Equal(GoldenImages.Int(fixture, "t5_max_length"), package.Manifest.Text.T5);
        var atol = fixture.SuggestedAtol;
        using var pipeline = FluxPipeline.Open(package.Path, new PipelineOptions { IntraOpThreads = 2 });
        var observer = new RecordingObserver();
        var images = pipeline.Generate(new GenerateRequest
        {
            Prompts = [GoldenImages.Prompt(fixture)],
            Seeds = [(ulong)GoldenImages.Int(fixture, "seed")],
            Steps = GoldenImages.Int(fixture, "num_steps"),
            Guidance = (float)GoldenImages.Number(fixture, "guidance"),
            Image = GoldenImages.Input(fixture, "reference.png"),
            KeepReferenceSize = true,
        }, observer: observer);

        Assert.Equal(fixture.Floats("noise"), observer.Noise);
        Assert.Equal(fixture.Floats("img"), observer.Img);
        Assert.Equal(fixture.Floats("timesteps"), observer.Timesteps); // shifted for the 64 target tokens only
        Assert.Equal(fixture.Floats("img_ids"), observer.ImgIds);
        Assert.Equal(fixture.Floats("img_cond_seq_ids"), observer.ReferenceIds); // (1, i, j)
        var reference = FixtureCase.MaxAbs(observer.ReferenceTokens, fixture.Floats("img_cond_seq"));
        Assert.InRange(reference, 0, 1e-4);
        Assert.Equal(6, observer.Latents.Count);
        var (pred, latent) = GoldenImages.StepErrors(fixture, observer);
        Assert.InRange(pred, 0, atol);
        Assert.InRange(latent, 0, atol);
        var differing = GoldenImages.DifferingSamples(fixture, Assert.Single(images).Image);
        Assert.InRange(differing, 0, 24); // the reference flips 8 between float32 and float64
        output.WriteLine($"kontext: img_cond_seq {reference:E2}, pred {pred:E2}, latent {latent:E2} (atol {atol}), samples off by 1: {differing}");
    }

    [Fact]
    public void A_non_square_target_keeps_the_reference_tokens_and_schedules_on_the_target()
    {
        using var fixture = new FixtureCase("kontext_sample_6steps_guid2.5_128x128");
        using var pipeline = FluxPipeline.Open(package.Path, new PipelineOptions { IntraOpThreads = 2 });
        var observer = new RecordingObserver();
        var images = pipeline.Generate(new GenerateRequest
        {
            Prompts = ["wide"], Seeds = [5], Steps = 2, Width = 160, Height = 96,
            Image = GoldenImages.Input(fixture, "reference.png"), KeepReferenceSize = true,
        }, observer: observer);

        Assert.Equal((160, 96), (Assert.Single(images).Image.Width, images[0].Image.Height));
        Assert.Equal(10 * 6 * 3, observer.ImgIds.Length); // target 160x96 → 6 rows x 10 cols of tokens
        Assert.Equal(fixture.Floats("img_cond_seq_ids"), observer.ReferenceIds); // reference still 8x8 tokens
        Assert.Equal(60 * 64, observer.Predictions[0].Length); // sliced back to the target tokens
        // The schedule itself is checked against the fixtures' timesteps in BflScheduleTests; here only that the
        // shifted dev schedule over the 60 target tokens (not the 60 + 64 model tokens) ran its 2 steps: 1 → t₁ → 0,
        // with t₁ above the unshifted 0.5.
        Assert.Equal(3, observer.Timesteps.Length);
        Assert.Equal((1f, 0f), (observer.Timesteps[0], observer.Timesteps[2]));
        Assert.InRange(observer.Timesteps[1], 0.5f, 1f);
    }

    [Fact]
    public void A_batch_of_two_conditions_each_item_on_the_reference()
    {
        using var fixture = new FixtureCase("kontext_sample_6steps_guid2.5_128x128");
        using var pipeline = FluxPipeline.Open(package.Path, new PipelineOptions { IntraOpThreads = 2 });
        var observer = new RecordingObserver();
        var seed = (ulong)GoldenImages.Int(fixture, "seed");
        pipeline.Generate(new GenerateRequest
        {
            Prompts = [GoldenImages.Prompt(fixture)], Seeds = [seed, seed], Batch = 2,
            Steps = 6, Guidance = 2.5f, Image = GoldenImages.Input(fixture, "reference.png"), KeepReferenceSize = true,
        }, observer: observer);

        // One generator per seed: both items start from the case's noise and must both land on its result.
        var expected = fixture.Floats("final_packed");
        var final = observer.Latents[^1];
        Assert.Equal(2 * 64 * 64, final.Length);
        Assert.Equal(2 * 64 * 64, observer.ReferenceTokens.Length);
        Assert.InRange(FixtureCase.MaxAbs(final.AsSpan(0, 4096), expected), 0, fixture.SuggestedAtol);
        Assert.InRange(FixtureCase.MaxAbs(final.AsSpan(4096, 4096), expected), 0, fixture.SuggestedAtol);
    }

    [Fact]
    public void Without_keep_size_the_reference_snaps_to_a_preferred_resolution()
    {
        // 128x128 is square → (1024, 1024): 4096 reference tokens; checked on the size rule alone (no model run).
        Assert.Equal((1024, 1024), FluxOnnx.Conditioning.KontextReference.Size(128, 128, keepSize: false, pixelMultiple: 16));
        Assert.Equal((1248, 832), FluxOnnx.Conditioning.KontextReference.Size(1500, 1000, keepSize: false, pixelMultiple: 16));
        Assert.Equal((672, 1568), FluxOnnx.Conditioning.KontextReference.Size(100, 1000, keepSize: false, pixelMultiple: 16));
        Assert.Equal((96, 128), FluxOnnx.Conditioning.KontextReference.Size(100, 130, keepSize: true, pixelMultiple: 16));
    }
}
