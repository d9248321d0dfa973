using System.Text.Json;
using FluxOnnx.Imaging;

namespace FluxOnnx.Server.Tests.Support;

/// <summary>The seed recorded in a FluxOnnx PNG's <c>parameters</c> text chunk (what a client can reproduce the image from).</summary>
internal static class PngSeed
{
    public static ulong Read(ReadOnlySpan<byte> png)
    {
        var text = PngTextReader.Read(png).Single(t => t.Keyword == "parameters").Text;
        return JsonDocument.Parse(text).RootElement.GetProperty("seed").GetUInt64();
    }
}
