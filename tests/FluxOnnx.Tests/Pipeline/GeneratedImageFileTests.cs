using System.Text.Json;
using FluxOnnx.Imaging;
using FluxOnnx.Pipeline;
using FluxOnnx.Tests.Imaging;
using Xunit;

namespace FluxOnnx.Tests.Pipeline;

/// <summary>A generated image written as PNG, JPEG and WebP carries the same parameters JSON, read back per format.</summary>
public sealed class GeneratedImageFileTests : IDisposable
{
    private static readonly GeneratedImage Image = new(
        new PixelImage(32, 16, 3, Enumerable.Range(0, 32 * 16 * 3).Select(i => (byte)(i % 251)).ToArray()),
        new GenerationParameters("猫 and the dog", 32, 16, 4, null, 7, 0, 1, false, Variant.Schnell, Precision.Fp32, "cpu"));

    private readonly string _dir = Directory.CreateTempSubdirectory("fluxonnx-out-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static void AssertParameters(string? json)
    {
        Assert.Equal(GeneratedImagePng.ParametersJson(Image.Parameters), json);
        using var doc = JsonDocument.Parse(json!);
        Assert.Equal("猫 and the dog", doc.RootElement.GetProperty("prompt").GetString());
        Assert.Equal(7UL, doc.RootElement.GetProperty("seed").GetUInt64());
    }

    [Fact]
    public void Png_keeps_the_pixels_and_the_parameters_chunk()
    {
        var path = Path.Combine(_dir, "a.png");
        GeneratedImageFile.Save(Image, path, ImageOutputFormat.Png);
        Assert.Equal(Image.Image.Pixels, ImageDecoder.DecodeFile(path).Pixels);
        AssertParameters(Assert.Single(PngTextReader.ReadFile(path), t => t.Keyword == GeneratedImagePng.ParametersKeyword).Text);
        Assert.Equal(File.ReadAllBytes(path), GeneratedImagePng.Encode(Image));
    }

    [Fact]
    public void Jpeg_carries_the_parameters_in_exif_user_comment()
    {
        var path = Path.Combine(_dir, "a.jpg");
        GeneratedImageFile.Save(Image, path, new ImageOutputFormat(ImageFileFormat.Jpeg, 90));
        byte[] bytes = File.ReadAllBytes(path);
        var (software, comment) = ExifProbe.Read(ExifProbe.JpegTiff(bytes)!);
        Assert.Equal(GeneratedImageFile.Software, software);
        AssertParameters(comment);
        Assert.Equal((32, 16, 3), (ImageDecoder.DecodeFile(path).Width, ImageDecoder.DecodeFile(path).Height, ImageDecoder.DecodeFile(path).Channels));
    }

    [Fact]
    public void Webp_carries_the_parameters_in_its_exif_chunk()
    {
        var path = Path.Combine(_dir, "a.webp");
        GeneratedImageFile.Save(Image, path, new ImageOutputFormat(ImageFileFormat.Webp));
        var chunks = ExifProbe.WebpChunks(File.ReadAllBytes(path));
        var (software, comment) = ExifProbe.Read(Assert.Single(chunks, c => c.FourCc == "EXIF").Data);
        Assert.Equal(GeneratedImageFile.Software, software);
        AssertParameters(comment);
        Assert.Equal(3, ImageDecoder.DecodeFile(path).Channels);
    }

    [Fact]
    public void Saving_replaces_atomically_and_leaves_no_temporary_file()
    {
        var path = Path.Combine(_dir, "out.webp");
        File.WriteAllText(path, "old");
        GeneratedImageFile.Save(Image, path, new ImageOutputFormat(ImageFileFormat.Webp, 50));
        Assert.Equal(new[] { "out.webp" }, Directory.GetFiles(_dir).Select(Path.GetFileName));
        Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(path), 0, 4));
    }
}
