using Xunit;
using FluxOnnx.Imaging;

namespace FluxOnnx.Tests.Imaging;

public class CannyEdgeDetectorTests
{
    private static PixelImage VerticalStep(int level, int channels = 1, int channel = 0)
    {
        // 10 x 8, columns 0..4 are 0, columns 5..9 are `level` in `channel`.
        var img = new PixelImage(10, 8, channels);
        for (int y = 0; y < 8; y++)
        {
            for (int x = 5; x < 10; x++)
            {
                img.Pixels[(((y * 10) + x) * channels) + channel] = (byte)level;
            }
        }
        return img;
    }

    private static string[] Rows(PixelImage edges) =>
        Enumerable.Range(0, edges.Height)
            .Select(y => new string(Enumerable.Range(0, edges.Width).Select(x => edges[x, y, 0] == 255 ? '#' : '.').ToArray()))
            .ToArray();

    [Fact]
    public void FlatImageHasNoEdges()
    {
        var flat = new PixelImage(9, 7, 3, Enumerable.Repeat((byte)140, 9 * 7 * 3).ToArray());
        Assert.All(CannyEdgeDetector.Detect(flat).Pixels, b => Assert.Equal(0, b));
    }

    [Fact]
    public void VerticalStepGivesOnePixelLineOnTheDarkSide()
    {
        // Sobel dx is 4·255 = 1020 at columns 4 and 5; non-maximum suppression keeps column 4 (m > left, m >= right)
        // and drops column 5 (m > left fails on the tie).
        var edges = CannyEdgeDetector.Detect(VerticalStep(255));
        Assert.All(Rows(edges), row => Assert.Equal("....#.....", row));
        Assert.All(edges.Pixels, b => Assert.True(b is 0 or 255));
    }

    [Fact]
    public void HorizontalStepGivesOnePixelLine()
    {
        var img = new PixelImage(6, 6, 1);
        for (int i = 3 * 6; i < 36; i++)
        {
            img.Pixels[i] = 200;
        }
        Assert.Equal(["......", "......", "######", "......", "......", "......"], Rows(CannyEdgeDetector.Detect(img)));
    }

    [Theory]
    [InlineData(10, false)]  // magnitude 40: below low (50)
    [InlineData(20, false)]  // magnitude 80: a candidate, but nothing strong to connect to
    [InlineData(50, false)]  // magnitude 200: not > high (200)
    [InlineData(51, true)]   // magnitude 204 > 200
    public void ThresholdsAreStrict(int level, bool expectEdge)
    {
        var edges = CannyEdgeDetector.Detect(VerticalStep(level));
        Assert.Equal(expectEdge ? 8 : 0, edges.Pixels.Count(b => b == 255));
    }

    [Fact]
    public void ColourImageUsesTheStrongestChannelNotGray()
    {
        // A blue-only step of 255: gray (luma) would see a step of 29 (magnitude 116, no edge); OpenCV takes the
        // per-channel maximum (1020) and finds the edge.
        var edges = CannyEdgeDetector.Detect(VerticalStep(255, channels: 3, channel: 2));
        Assert.All(Rows(edges), row => Assert.Equal("....#.....", row));
    }

    [Fact]
    public void HysteresisKeepsWeakPixelsConnectedToStrongOnes()
    {
        // Left 0; right part rows 0..3 = 100 (strong, magnitude 400) and rows 4..7 = 20 (weak, magnitude 80). Alone,
        // the weak step vanishes (ThresholdsAreStrict, level 20); here its edge pixels at column 4, rows 5..7, survive
        // because they are 8-connected to the strong run through the corner at rows 3..4. Expected map from OpenCV
        // 4.6.0 cv2.Canny(img, 50, 200).
        var img = VerticalStep(20);
        for (int y = 0; y < 4; y++)
        {
            for (int x = 5; x < 10; x++)
            {
                img.Pixels[(y * 10) + x] = 100;
            }
        }
        string[] expected = ["....#.....", "....#.....", "....#.....", ".....#####", ".....#....", "....#.....", "....#.....", "....#....."];
        Assert.Equal(expected, Rows(CannyEdgeDetector.Detect(img)));
    }

    // Expected maps from OpenCV 4.6.0 (Debian python3-opencv): cv2.Canny(img, 50, 200) on the formula images below.
    [Fact]
    public void MatchesOpenCvOnAGrayDisc()
    {
        var img = new PixelImage(16, 12, 1);
        for (int y = 0; y < 12; y++)
        {
            for (int x = 0; x < 16; x++)
            {
                img.Pixels[(y * 16) + x] = (byte)(Disc(x, y) ^ (x * y * 37 % 23));
            }
        }
        string[] expected =
        [
            "................", ".....#####......", "....#.....#.....", "...#.......#....", "...#.......#....", "..#.........#...",
            "...#.......#....", "...#.......#....", "....##....#.....", ".....#####......", "................", "................",
        ];
        Assert.Equal(expected, Rows(CannyEdgeDetector.Detect(img)));
    }

    [Fact]
    public void MatchesOpenCvOnAnRgbImage()
    {
        var img = new PixelImage(16, 12, 3);
        for (int y = 0; y < 12; y++)
        {
            for (int x = 0; x < 16; x++)
            {
                int o = ((y * 16) + x) * 3;
                img.Pixels[o] = (byte)Disc(x, y);
                img.Pixels[o + 1] = (byte)(x * 16 % 256);
                img.Pixels[o + 2] = (byte)((x + y > 14 ? 255 : 0) ^ (x * y * 37 % 23));
            }
        }
        string[] expected =
        [
            ".......#......#.", ".....##.##...##.", "....#.....#.##..", "...#.......##...", "...#......##....", "..#......##.....",
            "...#....##......", "...#...##..#....", "....#.##..#.....", ".....##..#......", "....##..........", "....#...........",
        ];
        Assert.Equal(expected, Rows(CannyEdgeDetector.Detect(img)));
    }

    private static int Disc(int x, int y) => ((x - 7) * (x - 7)) + ((y - 5) * (y - 5)) < 20 ? 200 : 30;
}
