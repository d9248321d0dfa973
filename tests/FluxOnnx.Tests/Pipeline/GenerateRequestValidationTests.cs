using FluxOnnx.Packaging;
using FluxOnnx.Pipeline;
using Xunit;

namespace FluxOnnx.Tests.Pipeline;

/// <summary>Request rules: each bad member throws <see cref="InvalidGenerateRequestException"/> naming it, before any model runs.</summary>
[Collection(PipelineCollection.Name)]
public sealed class GenerateRequestValidationTests(StandInPackages packages)
{
    private static readonly GenerateRequest Valid = GenerateRequest.For("a cat", 1);

    public static TheoryData<string, GenerateRequest, string, string> SchnellCases() => new()
    {
        { "Width", Valid with { Width = 50 }, "a positive multiple of 16 pixels", "50" },
        { "Width", Valid with { Width = -16 }, "a positive multiple of 16 pixels", "-16" },
        { "Height", Valid with { Height = 0 }, "a positive multiple of 16 pixels", "0" },
        { "Steps", Valid with { Steps = 0 }, "at least 1", "0" },
        { "Batch", Valid with { Batch = 0 }, "at least 1", "0" },
        { "Guidance", Valid with { Guidance = 3.5f }, "null: the schnell transformer has no 'guidance' input", "3.5" },
        { "Seeds", Valid with { Seeds = [1, 2], Batch = 3 }, "1 or 3 entries (Batch)", "2 entries" },
        { "Seeds", Valid with { Seeds = [] }, "1 entry", "0 entries" },
        { "Prompts", Valid with { Prompts = ["a", "b"] }, "1 entry", "2 entries" },
        { "Tokens", Valid with { Tokens = [new PromptTokens(new long[77], new long[15])] },
            "77 CLIP ids and 16 T5 ids per entry", "77 CLIP ids and 15 T5 ids" },
    };

    [Theory]
    [MemberData(nameof(SchnellCases))]
    public void BadMember_IsNamedWithExpectedAndActual(string member, GenerateRequest request, string expected, string actual)
    {
        using var pipeline = FluxPipeline.Open(packages.Schnell, StandInPackages.Options());
        var recorder = new RecordingObserver();
        var error = Assert.Throws<InvalidGenerateRequestException>(() => pipeline.Generate(request, recorder));
        Assert.Equal(member, error.Field.Member);
        Assert.Equal(expected, error.Expected);
        Assert.Equal(actual, error.Actual);
        Assert.Empty(recorder.Reports);
    }

    [Fact]
    public void GuidanceModelWithoutDefault_NeedsAGuidanceValue()
    {
        var folder = packages.Write(new StandInSpec
        {
            Variant = Variant.Dev,
            GuidanceInput = true,
            Defaults = new SamplingDefaults(Steps: 2, Guidance: null, Shift: true, Width: 32, Height: 32),
        });
        using var pipeline = FluxPipeline.Open(folder, StandInPackages.Options());
        var error = Assert.Throws<InvalidGenerateRequestException>(() => pipeline.Generate(Valid));
        Assert.Equal(("Guidance", "null"), (error.Field.Member, error.Actual));

        var infinite = Assert.Throws<InvalidGenerateRequestException>(() => pipeline.Generate(Valid with { Guidance = float.PositiveInfinity }));
        Assert.Equal(("Guidance", "a finite number"), (infinite.Field.Member, infinite.Expected));
        Assert.Equal(4.0f, pipeline.Generate(Valid with { Guidance = 4f, Steps = 1 })[0].Parameters.Guidance);
    }
}
