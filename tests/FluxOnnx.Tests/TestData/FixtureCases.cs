using Xunit;
namespace FluxOnnx.Tests.TestData;

/// <summary>TEST-ONLY names of the public fixture cases that run the BFL sampler (noise, schedule, Euler steps).</summary>
internal static class FixtureCases
{
    public const string Schnell = "sample_schnell_4steps_128x128";
    public const string Img2Img = "img2img_schnell_4steps_str0.6_128x128";
    public const string Fill = "fill_sample_6steps_guid30_128x128";
    public const string Kontext = "kontext_sample_6steps_guid2.5_128x128";

    /// <summary>Every sampling case, for xunit theories.</summary>
    public static TheoryData<string> Sampling => new() { Schnell, Img2Img, Fill, Kontext };

    /// <summary>Bit pattern comparison: the number of positions whose float32 bits differ.</summary>
    public static int BitMismatches(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        var count = 0;
        for (var i = 0; i < expected.Length; i++)
        {
            if (BitConverter.SingleToUInt32Bits(expected[i]) != BitConverter.SingleToUInt32Bits(actual[i]))
            {
                count++;
            }
        }
        return count;
    }

    public static float MaxAbsDiff(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        var max = 0f;
        for (var i = 0; i < expected.Length; i++)
        {
            max = Math.Max(max, Math.Abs(expected[i] - actual[i]));
        }
        return max;
    }
}
