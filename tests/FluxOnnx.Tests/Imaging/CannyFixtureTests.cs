using FluxOnnx.Imaging;
using FluxOnnx.TestSupport;
using Xunit;

namespace FluxOnnx.Tests.Imaging;

/// <summary>
/// Canny on real 128 x 128 fixture images against OpenCV 4.6.0 (Debian python3-opencv), summarised by edge-pixel
/// count and zlib.crc32 of the H x W edge map: <c>cv2.Canny(np.array(Image.open(p).convert("RGB")), 50, 200)</c>
/// ("direct"), and the same after BFL's float round trip <c>((u / 127.5 − 1 + 1) · 127.5).astype(uint8)</c> in
/// float32 ("bfl").
/// </summary>
public class CannyFixtureTests
{
    [Theory]
    [InlineData("ae_roundtrip_128x128", "input.png", 1596, 0x619FE80Fu, 1596, 0x619FE80Fu)]
    [InlineData("sample_schnell_4steps_128x128", "image.png", 5814, 0x2AE77AB6u, 5827, 0x200FF61Cu)]
    public void MatchesOpenCv(string caseName, string file, int directCount, uint directCrc, int bflCount, uint bflCrc)
    {
        PixelImage rgb = ImageDecoder.DecodeFile(Path.Combine(SharedPaths.Case(caseName), file)).ToRgb();

        PixelImage direct = CannyEdgeDetector.Detect(rgb, 50, 200);
        Assert.Equal((directCount, directCrc), (direct.Pixels.Count(b => b == 255), Crc32.Compute(direct.Pixels)));

        float[] control = CannyControlImage.FromImage(rgb);
        var bfl = control.AsSpan(0, 128 * 128).ToArray().Select(v => v == 1f ? (byte)255 : (byte)0).ToArray();
        Assert.Equal((bflCount, bflCrc), (bfl.Count(b => b == 255), Crc32.Compute(bfl)));
        Assert.Equal(control.AsSpan(0, 128 * 128).ToArray(), control.AsSpan(2 * 128 * 128).ToArray());
    }
}
