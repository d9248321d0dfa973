using FluxOnnx.Conditioning;
using FluxOnnx.Tools.Debugging;
using FluxOnnx.Converter.Safetensors;
using FluxOnnx.Imaging;
using FluxOnnx.Runtime.Providers;
using FluxOnnx.Packaging;
using FluxOnnx.Pipeline;
using FluxOnnx.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace FluxOnnx.Converter.Tests.EndToEnd;

/// <summary>
/// FLUX.1 Fill on a package converted from flux-tiny-fill: fill_sample_6steps_guid30_128x128 from prompt, seed,
/// input.png and mask.png; fill_forward_b1_128x128 through <c>flux run</c>'s ComponentRunner; outpainting; and the
/// Fill request rules.
/// </summary>
public sealed class FillSampleTests(FillPackage package, ITestOutputHelper output) : IClassFixture<FillPackage>
{
    [Fact]
    public void Prompt_seed_image_and_mask_reproduce_every_step_and_the_png()
    {
        using var fixture = new FixtureCase("fill_sample_6steps_guid30_128x128");
        Assert.Equal(Variant.Fill, package.Manifest.Variant);
        Assert.Equal(GoldenImages.Int(fixture, "t5_max_length"), package.Manifest.Text.T5); // 128, as cli_fill loads T5
        var atol = fixture.SuggestedAtol;
        using var pipeline = FluxPipeline.Open(package.Path, new PipelineOptions { IntraOpThreads = 2, VerifyHashes = true });
        var observer = new RecordingObserver();
        var images = pipeline.Generate(new GenerateRequest
        {
            Prompts = [GoldenImages.Prompt(fixture)],
            Seeds = [(ulong)GoldenImages.Int(fixture, "seed")],
            Steps = GoldenImages.Int(fixture, "num_steps"),
            Guidance = (float)GoldenImages.Number(fixture, "guidance"),
            Image = GoldenImages.Input(fixture, "input.png"),
            Mask = GoldenImages.Input(fixture, "mask.png"),
        }, observer: observer);

        Assert.Equal(fixture.Floats("noise"), observer.Noise);
        Assert.Equal(fixture.Floats("img"), observer.Img);
        Assert.Equal(fixture.Floats("timesteps"), observer.Timesteps);
        var imgCond = FixtureCase.MaxAbs(observer.ImgCond, fixture.Floats("img_cond"));
        Assert.InRange(imgCond, 0, 1e-4);
        // The mask half of img_cond is pure data movement of mask.png / 255: exact.
        var expectedCond = fixture.Floats("img_cond");
        for (var token = 0; token < 64; token++)
        {
            Assert.Equal(expectedCond.AsSpan(token * 320 + 64, 256), observer.ImgCond.AsSpan(token * 320 + 64, 256));
        }
        Assert.Equal(6, observer.Latents.Count);
        var (pred, latent) = GoldenImages.StepErrors(fixture, observer);
        Assert.InRange(pred, 0, atol);
        Assert.InRange(latent, 0, atol);
        var differing = GoldenImages.DifferingSamples(fixture, Assert.Single(images).Image);
        Assert.InRange(differing, 0, 200); // the reference flips 93 between float32 and float64 (guidance 30)
        output.WriteLine($"fill: img_cond {imgCond:E2}, pred {pred:E2}, latent {latent:E2} (atol {atol}), samples off by 1: {differing}");
    }

    [Fact]
    public void Flux_run_reproduces_the_fill_forward_pass_on_384_channels()
    {
        var caseDir = SharedPaths.Case("fill_forward_b1_128x128");
        var inputs = Path.Combine(package.Root, "fill-forward-inputs.safetensors");
        using (var fixture = SafetensorsFile.Open(Path.Combine(caseDir, "tensors.safetensors")))
        {
            var map = new (string From, string To, bool DropBatch)[]
            {
                ("model_input.img", "hidden_states", false), ("txt", "encoder_hidden_states", false), ("y", "pooled_projections", false),
                ("model_input.timesteps", "timestep", false), ("img_ids", "img_ids", true), ("txt_ids", "txt_ids", true),
                ("model_input.guidance", "guidance", false),
            };
            var decl = map.Select(m =>
            {
                var info = fixture.GetInfo(m.From);
                return new SafetensorsTensorDeclaration(m.To, info.DType, m.DropBatch ? info.Shape.Skip(1).ToArray() : info.Shape.ToArray());
            }).ToArray();
            using var writer = SafetensorsWriter.Create(inputs, decl);
            foreach (var d in writer.WriteOrder)
            {
                writer.WriteTensor(d.Name, fixture.GetBytes(map.Single(m => m.To == d.Name).From));
            }
            writer.Complete();
        }
        var outputs = Path.Combine(package.Root, "fill-forward-outputs.safetensors");
        var result = ComponentRunner.Run(new ComponentRunRequest(package.Path, ComponentRoles.Transformer, inputs, outputs,
            new CpuProviderRequest(), IntraOpThreads: 2));
        Assert.Equal("latent", Assert.Single(result.Outputs).Name);
        using var actual = SafetensorsFile.Open(outputs);
        using var expected = new FixtureCase("fill_forward_b1_128x128");
        var a = new float[64 * 64];
        actual.ReadAsFloat32("latent", a);
        var error = FixtureCase.MaxAbs(a, expected.Floats("out"));
        Assert.InRange(error, 0, expected.SuggestedAtol);
        output.WriteLine($"fill forward: out {error:E2} (atol {expected.SuggestedAtol})");
    }

    [Fact]
    public void Outpainting_pads_the_source_and_fills_only_the_border()
    {
        using var fixture = new FixtureCase("fill_sample_6steps_guid30_128x128");
        using var pipeline = FluxPipeline.Open(package.Path, new PipelineOptions { IntraOpThreads = 2 });
        var observer = new RecordingObserver();
        var images = pipeline.Generate(new GenerateRequest
        {
            Prompts = ["a wider view"],
            Seeds = [7],
            Steps = 1,
            Image = GoldenImages.Input(fixture, "input.png"),
            Outpaint = new OutpaintPadding(16, 0, 32, 16),
        }, observer: observer);

        var image = Assert.Single(images);
        Assert.Equal((176, 144), (image.Image.Width, image.Image.Height)); // 128 + 16 + 32, 128 + 0 + 16
        Assert.Equal((176, 144), (image.Parameters.Width, image.Parameters.Height));
        // Mask channels of img_cond: token (h2, w2) covers pixels [16·h2, 16·h2 + 16) × [16·w2, 16·w2 + 16).
        int cols = 176 / 16, rows = 144 / 16;
        Assert.Equal(rows * cols * 320, observer.ImgCond.Length);
        for (var h2 = 0; h2 < rows; h2++)
        {
            for (var w2 = 0; w2 < cols; w2++)
            {
                var border = w2 < 1 || w2 >= cols - 2 || h2 >= rows - 1;
                var mask = observer.ImgCond.AsSpan((h2 * cols + w2) * 320 + 64, 256);
                Assert.All(mask.ToArray(), v => Assert.Equal(border ? 1f : 0f, v));
            }
        }
    }

    [Fact]
    public void A_mask_of_another_size_is_refused_naming_the_mask()
    {
        using var fixture = new FixtureCase("fill_sample_6steps_guid30_128x128");
        using var pipeline = FluxPipeline.Open(package.Path, new PipelineOptions { IntraOpThreads = 2 });
        var e = Assert.Throws<InvalidGenerateRequestException>(() => pipeline.Generate(new GenerateRequest
        {
            Prompts = ["x"], Seeds = [1], Steps = 1,
            Image = GoldenImages.Input(fixture, "input.png"),
            Mask = ImageSource.FromPixels(new PixelImage(64, 128, 1)),
        }));
        Assert.Equal(nameof(GenerateRequest.Mask), e.Field.Member);
        Assert.Equal("the source image's size 128x128", e.Expected);
        Assert.Equal("64x128", e.Actual);
    }

    [Fact]
    public void An_image_without_a_mask_and_a_missing_image_are_refused()
    {
        using var fixture = new FixtureCase("fill_sample_6steps_guid30_128x128");
        using var pipeline = FluxPipeline.Open(package.Path, new PipelineOptions { IntraOpThreads = 2 });
        var noMask = Assert.Throws<InvalidGenerateRequestException>(() => pipeline.Generate(new GenerateRequest
        {
            Prompts = ["x"], Seeds = [1], Image = GoldenImages.Input(fixture, "input.png"),
        }));
        Assert.Equal(nameof(GenerateRequest.Mask), noMask.Field.Member);
        Assert.Equal("null", noMask.Actual);
        var noImage = Assert.Throws<InvalidGenerateRequestException>(() => pipeline.Generate(GenerateRequest.For("x", 1)));
        Assert.Equal(nameof(GenerateRequest.Image), noImage.Field.Member);
        var strength = Assert.Throws<InvalidGenerateRequestException>(() => pipeline.Generate(new GenerateRequest
        {
            Prompts = ["x"], Seeds = [1], Image = GoldenImages.Input(fixture, "input.png"), Mask = GoldenImages.Input(fixture, "mask.png"), Strength = 0.5,
        }));
        Assert.Equal(nameof(GenerateRequest.Strength), strength.Field.Member);
        Assert.Equal("null: the fill package takes no img2img Strength (schnell / dev only)", strength.Expected);
        var size = Assert.Throws<InvalidGenerateRequestException>(() => pipeline.Generate(new GenerateRequest
        {
            Prompts = ["x"], Seeds = [1], Image = GoldenImages.Input(fixture, "input.png"), Outpaint = new OutpaintPadding(8, 0, 0, 0),
        }));
        Assert.Equal(nameof(GenerateRequest.Image), size.Field.Member);
        Assert.Equal("136x128", size.Actual);
    }
}
