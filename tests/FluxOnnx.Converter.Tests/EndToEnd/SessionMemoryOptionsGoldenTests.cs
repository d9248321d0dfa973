using FluxOnnx.Converter.Tests.Conversion;
using FluxOnnx.Imaging;
using FluxOnnx.Pipeline;
using Xunit;

namespace FluxOnnx.Converter.Tests.EndToEnd;

/// <summary>
/// sample_schnell_4steps_128x128 again, with ONNX Runtime's memory and threading settings other than the pipeline's defaults
/// (<see cref="PipelineOptions.PrepackWeights"/>, <see cref="PipelineOptions.EnableCpuMemArena"/>,
/// <see cref="PipelineOptions.EnableMemoryPattern"/>, <see cref="PipelineOptions.AllowSpinning"/>): every step and the
/// decoded image still match the reference at the fixture's tolerance.
/// </summary>
public sealed class SessionMemoryOptionsGoldenTests(FixturePackage package) : IClassFixture<FixturePackage>
{
    [Theory]
    [InlineData(true, true, true, true)]    // ORT's own defaults
    [InlineData(false, false, false, false)]
    [InlineData(true, false, false, true)]
    public void Prompt_and_seed_reproduce_every_step_with_other_session_memory_settings(bool prepack, bool arena, bool memoryPattern, bool spinning)
    {
        using var fixture = new FixtureCase("sample_schnell_4steps_128x128");
        var atol = fixture.SuggestedAtol;
        var options = new PipelineOptions
        {
            IntraOpThreads = 2, PrepackWeights = prepack, EnableCpuMemArena = arena, EnableMemoryPattern = memoryPattern, AllowSpinning = spinning,
        };
        using var pipeline = FluxPipeline.Open(package.Path, options);
        var observer = new RecordingObserver();
        var images = pipeline.Generate(new GenerateRequest { Prompts = ["a dog on a beach"], Seeds = [42], Width = 128, Height = 128 }, observer: observer);

        Assert.Equal(4, observer.Latents.Count);
        for (var step = 0; step < 4; step++)
        {
            Assert.InRange(FixtureCase.MaxAbs(observer.Predictions[step], fixture.Floats($"pred.step_{step}")), 0, atol);
            Assert.InRange(FixtureCase.MaxAbs(observer.Latents[step], fixture.Floats($"latent.step_{step}")), 0, atol);
        }
        Assert.InRange(FixtureCase.MaxAbs(observer.Decoded, fixture.Floats("decoded")), 0, atol);
        var expected = ImageDecoder.DecodeFile(Path.Combine(fixture.Folder, "image.png"));
        var actual = Assert.Single(images).Image;
        Assert.Equal(expected.Pixels.Length, actual.Pixels.Length);
        Assert.All(Enumerable.Range(0, expected.Pixels.Length), i => Assert.InRange(Math.Abs(expected.Pixels[i] - actual.Pixels[i]), 0, 1));
    }
}
