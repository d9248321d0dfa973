using FluxOnnx.Conditioning;
using FluxOnnx.Imaging;
using Xunit;

namespace FluxOnnx.Converter.Tests.EndToEnd;

/// <summary>Reading a case's PNG inputs and comparing generated pixels with its image.png.</summary>
internal static class GoldenImages
{
    /// <summary>A PNG of the case folder as a file source: the pipeline decodes it (<see cref="ImageDecoder"/>) as it
    /// decodes a user's <c>--image</c>, so the golden tests cover the decoder too.</summary>
    public static ImageSource Input(FixtureCase fixture, string file) =>
        ImageSource.FromFile(Path.Combine(fixture.Folder, file));

    /// <summary>
    /// Asserts every sample is within 1 of image.png and returns how many differ (the reference itself flips a few
    /// between float32 and float64, its <c>png_float32_vs_float64</c>).
    /// </summary>
    public static int DifferingSamples(FixtureCase fixture, PixelImage actual)
    {
        var expected = ImageDecoder.DecodeFile(Path.Combine(fixture.Folder, "image.png"));
        Assert.Equal((expected.Width, expected.Height, expected.Channels), (actual.Width, actual.Height, actual.Channels));
        var differing = 0;
        for (var i = 0; i < expected.Pixels.Length; i++)
        {
            var d = Math.Abs(expected.Pixels[i] - actual.Pixels[i]);
            Assert.InRange(d, 0, 1);
            differing += d;
        }
        return differing;
    }

    /// <summary>Largest |a − b| over the recorded steps against the case's <c>pred.step_i</c> / <c>latent.step_i</c>.</summary>
    public static (double Pred, double Latent) StepErrors(FixtureCase fixture, RecordingObserver observer)
    {
        double pred = 0, latent = 0;
        for (var step = 0; step < observer.Latents.Count; step++)
        {
            pred = Math.Max(pred, FixtureCase.MaxAbs(observer.Predictions[step], fixture.Floats($"pred.step_{step}")));
            latent = Math.Max(latent, FixtureCase.MaxAbs(observer.Latents[step], fixture.Floats($"latent.step_{step}")));
        }
        return (pred, latent);
    }

    /// <summary>The manifest's prompt text.</summary>
    public static string Prompt(FixtureCase fixture) => fixture.Manifest.RootElement.GetProperty("prompt").GetString()!;

    /// <summary>An integer parameter of the manifest.</summary>
    public static int Int(FixtureCase fixture, string name) => fixture.Manifest.RootElement.GetProperty(name).GetInt32();

    /// <summary>A number parameter of the manifest.</summary>
    public static double Number(FixtureCase fixture, string name) => fixture.Manifest.RootElement.GetProperty(name).GetDouble();
}
