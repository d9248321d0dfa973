using System.Text.Json;
using FluxOnnx.Imaging;
using FluxOnnx.Pipeline;
using FluxOnnx.Tokenizers.Clip;
using FluxOnnx.Tokenizers.T5;
using Xunit;

namespace FluxOnnx.Tests.Pipeline;

/// <summary>
/// The whole text-to-image flow over stand-in graphs, checked value for value against <see cref="StandInMath"/>'s
/// independent computation. Noise and schedules come from the fixtures, never from the code under test: torch's
/// CPU <c>randn</c> fills a tensor from one sequential stream (in blocks of 16), so the noise of a smaller latent with
/// the same seed is the leading elements of a fixture's stored <c>noise</c> (sample_schnell: seed 42; fill_sample:
/// seed 101); the schedules are the fixtures' manifest <c>timesteps</c>.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class PipelineFlowTests(StandInPackages packages)
{
    private static (long[] Clip, long[] T5) Tokens(string package, string prompt) =>
        (ClipTokenizer.FromDirectory(Path.Combine(package, "tokenizer")).Encode(prompt),
         T5Tokenizer.FromDirectory(Path.Combine(package, "tokenizer_2")).Encode(prompt, StandInMath.T5Length));

    private static float[] FixtureNoise(string caseName, int count)
    {
        var noise = TestData.FixtureTensors.Load(caseName).F32("noise");
        Assert.True(count <= noise.Length, $"{caseName} stores {noise.Length} noise values; {count} needed");
        return noise[..count];
    }

    private static float[] FixtureTimesteps(string caseName) =>
        TestData.FixtureTensors.Load(caseName).Manifest.GetProperty("timesteps").EnumerateArray().Select(t => t.GetSingle()).ToArray();

    [Fact]
    public void Schnell_EveryStepAndEveryPixelMatchTheIndependentComputation()
    {
        using var pipeline = FluxPipeline.Open(packages.Schnell, StandInPackages.Options());
        var recorder = new RecordingObserver();
        var images = pipeline.Generate(GenerateRequest.For("a dog and the cat", 42), recorder, recorder);

        // Manifest defaults: 4 steps, 64x48, no guidance, no shift.
        var (clip, t5) = Tokens(packages.Schnell, "a dog and the cat");
        // 48x64 pixels -> latent [1, 16, 6, 8] (768 values) -> 3x4 = 12 packed tokens; schnell's schedule does not
        // depend on the token count.
        var noise = FixtureNoise(TestData.FixtureCases.Schnell, 16 * 6 * 8);
        var timesteps = FixtureTimesteps(TestData.FixtureCases.Schnell);
        Assert.Equal(new[] { 1f, 0.75f, 0.5f, 0.25f, 0f }, timesteps);
        var (latents, pixels) = StandInMath.Expected(noise, 48, 64, clip, t5, timesteps, guidance: null);

        Assert.Equal(noise, recorder.Noise);
        Assert.Equal(timesteps, recorder.Timesteps);
        Assert.Null(recorder.Guidance);
        Assert.Equal(4, recorder.Latents.Count);
        for (var s = 0; s < 4; s++)
        {
            Assert.Equal(latents[s], recorder.Latents[s]);
        }
        var image = Assert.Single(images);
        Assert.Equal((64, 48, 3), (image.Image.Width, image.Image.Height, image.Image.Channels));
        Assert.Equal(pixels, image.Image.Pixels);
        Assert.Equal(new GenerationParameters("a dog and the cat", 64, 48, 4, null, 42, 0, 1, false, Variant.Schnell, Precision.Fp32, "cpu"),
            image.Parameters);
        Assert.Equal(new[] { 1, 2, 3, 4 }, recorder.Reports.Where(r => r.Stage == PipelineStage.Denoising).Select(r => r.Step));
        Assert.Equal(PipelineStage.Completed, recorder.Reports[^1].Stage);
    }

    [Fact]
    public void Dev_BatchOfTwoSeeds_EachItemIsItsOwnSeedsRunWithGuidanceAndShift()
    {
        using var pipeline = FluxPipeline.Open(packages.Dev, StandInPackages.Options());
        Assert.True(pipeline.HasGuidanceInput);
        var recorder = new RecordingObserver();
        string[] prompts = ["the cat", "a dog"];
        ulong[] seeds = [42, 101];
        // 128x128 and 6 steps, as the fill_sample fixture (dev schedule with shift over 64 tokens); guidance 3.5 from
        // the manifest defaults.
        var images = pipeline.Generate(new GenerateRequest
        {
            Prompts = prompts, Seeds = seeds, Batch = 2, Width = 128, Height = 128, Steps = 6,
        }, recorder, recorder);

        var timesteps = FixtureTimesteps(TestData.FixtureCases.Fill);
        Assert.Equal(7, timesteps.Length);
        Assert.Equal(timesteps, recorder.Timesteps);
        Assert.Equal(3.5f, recorder.Guidance);
        string[] noiseCases = [TestData.FixtureCases.Schnell, TestData.FixtureCases.Fill];
        var tokenLength = 64 * 64;
        for (var b = 0; b < 2; b++)
        {
            var (clip, t5) = Tokens(packages.Dev, prompts[b]);
            var noise = FixtureNoise(noiseCases[b], 16 * 16 * 16);
            Assert.Equal(noise, recorder.Noise![(b * noise.Length)..((b + 1) * noise.Length)]);
            var (latents, pixels) = StandInMath.Expected(noise, 128, 128, clip, t5, timesteps, 3.5f);
            for (var s = 0; s < 6; s++)
            {
                Assert.Equal(latents[s], recorder.Latents[s][(b * tokenLength)..((b + 1) * tokenLength)]);
            }
            Assert.Equal(pixels, images[b].Image.Pixels);
            Assert.Equal(new GenerationParameters(prompts[b], 128, 128, 6, 3.5f, seeds[b], b, 2, false, Variant.Dev, Precision.Fp32, "cpu"),
                images[b].Parameters);
        }
    }

    [Fact]
    public void OneSeedForABatch_DrawsTheWholeBatchFromOneGenerator()
    {
        using var pipeline = FluxPipeline.Open(packages.Schnell, StandInPackages.Options());
        var recorder = new RecordingObserver();
        var images = pipeline.Generate(new GenerateRequest { Prompts = ["a cat"], Seeds = [42], Batch = 2, Steps = 1 }, observer: recorder);

        // One generator for [2, 16, 6, 8]: the first 1536 values of seed 42's stream.
        Assert.Equal(FixtureNoise(TestData.FixtureCases.Schnell, 2 * 16 * 6 * 8), recorder.Noise);
        Assert.All(images, i => Assert.True(i.Parameters.SharedGenerator));
        Assert.Equal(new ulong[] { 42, 42 }, images.Select(i => i.Seed));
        Assert.Equal(new[] { 0, 1 }, images.Select(i => i.Parameters.BatchIndex));
    }

    [Fact]
    public void RepeatedPrompt_RunsTheEncodersOnce()
    {
        using var pipeline = FluxPipeline.Open(packages.Schnell, StandInPackages.Options());
        var first = new RecordingObserver();
        var a = pipeline.Generate(new GenerateRequest { Prompts = ["the dog"], Seeds = [1, 2], Batch = 2, Steps = 1 }, first);
        Assert.Equal(1, first.Count(PipelineStage.EncodingPrompt));
        Assert.Equal(1, first.Count(PipelineStage.PromptCacheHit));

        var second = new RecordingObserver();
        var b = pipeline.Generate(new GenerateRequest { Prompts = ["the dog"], Seeds = [1], Steps = 1 }, second);
        Assert.Equal(0, second.Count(PipelineStage.EncodingPrompt));
        Assert.Equal("the dog", Assert.Single(second.Reports, r => r.Stage == PipelineStage.PromptCacheHit).Component);
        Assert.Equal(a[0].Image.Pixels, b[0].Image.Pixels);
        Assert.Equal(1, pipeline.CachedPrompts);

        var third = new RecordingObserver();
        pipeline.Generate(new GenerateRequest { Prompts = ["a cat"], Seeds = [1], Steps = 1 }, third);
        Assert.Equal(1, third.Count(PipelineStage.EncodingPrompt));
        Assert.Equal(2, pipeline.CachedPrompts);
    }

    [Fact]
    public void CancellingAfterTheFirstStep_ThrowsBeforeTheSecond()
    {
        using var pipeline = FluxPipeline.Open(packages.Schnell, StandInPackages.Options());
        using var cts = new CancellationTokenSource();
        var recorder = new RecordingObserver { OnReport = r => { if (r.Stage == PipelineStage.Denoising) cts.Cancel(); } };

        Assert.Throws<OperationCanceledException>(() =>
            pipeline.Generate(GenerateRequest.For("a dog", 3), recorder, recorder, cts.Token));
        Assert.Single(recorder.Latents);
        Assert.Equal(0, recorder.Count(PipelineStage.Decoding));

        // The pipeline stays usable after a cancelled call.
        Assert.Single(pipeline.Generate(GenerateRequest.For("a dog", 3) with { Steps = 1 }));
    }

    [Fact]
    public void LowMemory_GivesTheSameImagesAndReopensEncodersOnlyOnACacheMiss()
    {
        var request = new GenerateRequest { Prompts = ["the cat"], Seeds = [11], Steps = 2 };
        byte[] expected;
        using (var normal = FluxPipeline.Open(packages.Schnell, StandInPackages.Options()))
        {
            expected = normal.Generate(request)[0].Image.Pixels;
        }
        var opening = new RecordingObserver();
        using var pipeline = FluxPipeline.Open(packages.Schnell, StandInPackages.Options(lowMemory: true), opening);
        Assert.Equal(new[] { "transformer" }, opening.Reports.Select(r => r.Component));

        var first = new RecordingObserver();
        Assert.Equal(expected, pipeline.Generate(request, first)[0].Image.Pixels);
        Assert.Equal(new[] { "text_encoder", "text_encoder_2", "vae_decoder" },
            first.Reports.Where(r => r.Stage == PipelineStage.LoadingComponent).Select(r => r.Component));

        var second = new RecordingObserver();
        Assert.Equal(expected, pipeline.Generate(request, second)[0].Image.Pixels);
        Assert.Equal(new[] { "vae_decoder" },
            second.Reports.Where(r => r.Stage == PipelineStage.LoadingComponent).Select(r => r.Component));
    }

    [Fact]
    public void SuppliedTokenIds_ReplaceTokenization()
    {
        using var pipeline = FluxPipeline.Open(packages.Schnell, StandInPackages.Options());
        var (clip, t5) = Tokens(packages.Schnell, "a dog and the cat");
        var byText = pipeline.Generate(GenerateRequest.For("a dog and the cat", 9) with { Steps = 2 });
        var recorder = new RecordingObserver();
        var byIds = pipeline.Generate(new GenerateRequest
        {
            Prompts = ["(ids given)"], Tokens = [new PromptTokens(clip, t5)], Seeds = [9], Steps = 2,
        }, recorder);

        Assert.Equal(byText[0].Image.Pixels, byIds[0].Image.Pixels);
        Assert.Equal("(ids given)", byIds[0].Prompt);
        Assert.Null(Assert.Single(recorder.Reports, r => r.Stage == PipelineStage.EncodingPrompt).Component);
    }

    [Fact]
    public void SavedPng_CarriesTheParametersChunk()
    {
        using var pipeline = FluxPipeline.Open(packages.Dev, StandInPackages.Options());
        var image = pipeline.Generate(new GenerateRequest { Prompts = ["猫 and the dog"], Seeds = [123], Steps = 1, Guidance = 2.5f })[0];
        var path = Path.Combine(packages.Root, Guid.NewGuid().ToString("N") + ".png");
        GeneratedImagePng.Save(image, path);

        Assert.Equal(image.Image.Pixels, ImageDecoder.DecodeFile(path).Pixels);
        var entry = Assert.Single(PngTextReader.ReadFile(path), t => t.Keyword == GeneratedImagePng.ParametersKeyword);
        Assert.Equal(PngTextKind.InternationalText, entry.Kind);
        using var json = JsonDocument.Parse(entry.Text);
        var root = json.RootElement;
        Assert.Equal("猫 and the dog", root.GetProperty("prompt").GetString());
        Assert.Equal(1, root.GetProperty("steps").GetInt32());
        Assert.Equal(2.5f, root.GetProperty("guidance").GetSingle());
        Assert.Equal(123ul, root.GetProperty("seed").GetUInt64());
        Assert.Equal((32, 64), (root.GetProperty("width").GetInt32(), root.GetProperty("height").GetInt32()));
        Assert.Equal("flux1-dev", root.GetProperty("model").GetString());
        Assert.Equal("fp32", root.GetProperty("precision").GetString());
        Assert.Equal("cpu", root.GetProperty("provider").GetString());
    }
}
