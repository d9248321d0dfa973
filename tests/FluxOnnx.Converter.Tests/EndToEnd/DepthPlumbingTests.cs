using FluxOnnx.Conditioning;
using FluxOnnx.Imaging;
using FluxOnnx.Packaging;
using FluxOnnx.Pipeline;
using Xunit;

namespace FluxOnnx.Converter.Tests.EndToEnd;

/// <summary>
/// FLUX.1 Depth plumbing on canny-shaped tiny weights converted with variant "depth" (no golden Depth case exists):
/// the depth map is taken as given, and asking FluxOnnx to estimate one is refused (it has no depth estimator).
/// </summary>
public sealed class DepthPlumbingTests(DepthPackage package) : IClassFixture<DepthPackage>
{
    [Fact]
    public void A_depth_map_is_used_as_given_and_control_from_is_refused()
    {
        Assert.Equal(Variant.Depth, package.Manifest.Variant);
        Assert.Equal(10f, package.Manifest.Defaults.Guidance);
        using var pipeline = FluxPipeline.Open(package.Path, new PipelineOptions { IntraOpThreads = 2 });
        var depth = new PixelImage(64, 64, 1);
        for (var i = 0; i < depth.Pixels.Length; i++)
        {
            depth.Pixels[i] = (byte)(i / 64 * 4); // a vertical ramp, as a depth map might be
        }
        var refused = Assert.Throws<InvalidGenerateRequestException>(() =>
            pipeline.Generate(GenerateRequest.For("x", 1) with { ControlFrom = ImageSource.FromPixels(depth) }));
        Assert.Equal(nameof(GenerateRequest.ControlFrom), refused.Field.Member);
        Assert.StartsWith("null: FluxOnnx has no depth estimator", refused.Expected, StringComparison.Ordinal);

        var observer = new RecordingObserver();
        var images = pipeline.Generate(GenerateRequest.For("x", 1) with
        {
            Control = ImageSource.FromPixels(depth), ControlKind = ControlKind.Depth, Steps = 1,
        }, observer: observer);
        Assert.Equal((64, 64), (images[0].Image.Width, images[0].Image.Height)); // the control image's size
        Assert.Equal(16 * 64, observer.ImgCond.Length);
        Assert.Contains(observer.ImgCond, v => v != 0);
    }
}
