using FluxOnnx.Conditioning;
using FluxOnnx.Converter.Tests.Conversion;
using FluxOnnx.Imaging;
using FluxOnnx.Pipeline;
using Xunit;

namespace FluxOnnx.Converter.Tests.EndToEnd;

/// <summary>
/// Image members on a text-to-image (schnell) package: what it does not support is refused by name, bad images are
/// refused with typed errors before any model runs, and nothing is written.
/// </summary>
public sealed class ImageRequestErrorTests(FixturePackage package) : IClassFixture<FixturePackage>
{
    private static readonly ImageSource Init = ImageSource.FromPixels(new PixelImage(128, 128, 3));

    private InvalidGenerateRequestException Refuse(GenerateRequest request)
    {
        using var pipeline = FluxPipeline.Open(package.Path, new PipelineOptions { IntraOpThreads = 2 });
        var observer = new RecordingObserver();
        var before = Directory.EnumerateFileSystemEntries(package.Root, "*", SearchOption.AllDirectories).Count();
        var e = Assert.Throws<InvalidGenerateRequestException>(() => pipeline.Generate(request, observer: observer));
        Assert.Empty(observer.Noise); // refused before anything was prepared
        Assert.Equal(before, Directory.EnumerateFileSystemEntries(package.Root, "*", SearchOption.AllDirectories).Count());
        return e;
    }

    [Fact]
    public void A_mask_on_a_text_to_image_package_is_refused_naming_it()
    {
        var e = Refuse(GenerateRequest.For("x", 1) with { Image = Init, Strength = 0.5, Mask = Init });
        Assert.Equal(nameof(GenerateRequest.Mask), e.Field.Member);
        Assert.Equal("null: the schnell package takes no mask (Fill only)", e.Expected);
        Assert.Equal(nameof(GenerateRequest.Outpaint),
            Refuse(GenerateRequest.For("x", 1) with { Outpaint = new OutpaintPadding(0, 0, 16, 0) }).Field.Member);
        Assert.Equal(nameof(GenerateRequest.Control), Refuse(GenerateRequest.For("x", 1) with { Control = Init }).Field.Member);
        Assert.Equal(nameof(GenerateRequest.KeepReferenceSize),
            Refuse(GenerateRequest.For("x", 1) with { Image = Init, Strength = 0.5, KeepReferenceSize = true }).Field.Member);
    }

    [Fact]
    public void Img2img_needs_a_strength_in_range_and_strength_needs_an_image()
    {
        var missing = Refuse(GenerateRequest.For("x", 1) with { Image = Init });
        Assert.Equal((nameof(GenerateRequest.Strength), "null"), (missing.Field.Member, missing.Actual));
        var range = Refuse(GenerateRequest.For("x", 1) with { Image = Init, Strength = 1.5 });
        Assert.Equal((nameof(GenerateRequest.Strength), "1.5"), (range.Field.Member, range.Actual));
        var alone = Refuse(GenerateRequest.For("x", 1) with { Strength = 0.5 });
        Assert.Equal(nameof(GenerateRequest.Strength), alone.Field.Member);
    }

    [Fact]
    public void A_corrupt_png_is_refused_with_the_decoder_error_inside()
    {
        var path = Path.Combine(package.Root, "corrupt.png");
        var png = PngEncoder.Encode(new PixelImage(16, 16, 3));
        png[^20] ^= 0xFF; // flip a byte inside the image data
        File.WriteAllBytes(path, png);
        var e = Refuse(GenerateRequest.For("x", 1) with { Image = ImageSource.FromFile(path), Strength = 0.5 });
        Assert.Equal(nameof(GenerateRequest.Image), e.Field.Member);
        Assert.Equal("a valid PNG, JPEG or WebP image", e.Expected);
        var inner = Assert.IsAssignableFrom<ImageFormatException>(e.InnerException);
        Assert.Equal((path, ImageError.Corrupt, ImageFileFormat.Png), (inner.FilePath, inner.Error, inner.Format));
        File.Delete(path);
    }

    [Fact]
    public void A_billion_pixel_png_is_refused_before_decoding()
    {
        var path = Path.Combine(package.Root, "huge.png");
        File.WriteAllBytes(path, HeaderAndTinyIdatPng(40_000, 25_000)); // 10^9 pixels declared, 2 bytes of image data
        var e = Refuse(GenerateRequest.For("x", 1) with { Image = ImageSource.FromFile(path), Strength = 0.5 });
        Assert.Equal(nameof(GenerateRequest.Image), e.Field.Member);
        var inner = Assert.IsType<ImageTooLargeException>(e.InnerException);
        Assert.Equal((40_000L, 25_000L, ImageDecoderOptions.DefaultMaxPixels), (inner.Width, inner.Height, inner.Limit));
        File.Delete(path);
    }

    [Fact]
    public void A_missing_file_is_refused_naming_the_member()
    {
        var e = Refuse(GenerateRequest.For("x", 1) with { Image = ImageSource.FromFile(Path.Combine(package.Root, "absent.png")), Strength = 0.5 });
        Assert.Equal(nameof(GenerateRequest.Image), e.Field.Member);
        Assert.IsAssignableFrom<IOException>(e.InnerException);
    }

    [Fact]
    public void A_target_that_is_not_a_multiple_of_16_is_refused()
    {
        var explicitSize = Refuse(GenerateRequest.For("x", 1) with { Image = Init, Strength = 0.5, Width = 120 });
        Assert.Equal((nameof(GenerateRequest.Width), "120"), (explicitSize.Field.Member, explicitSize.Actual));
        var fromImage = Refuse(GenerateRequest.For("x", 1) with { Image = ImageSource.FromPixels(new PixelImage(100, 64, 3)), Strength = 0.5 });
        Assert.Equal((nameof(GenerateRequest.Image), "100x64"), (fromImage.Field.Member, fromImage.Actual));
    }

    [Fact]
    public void An_init_image_of_another_size_is_lanczos_resized_to_the_requested_size()
    {
        using var pipeline = FluxPipeline.Open(package.Path, new PipelineOptions { IntraOpThreads = 2 });
        var observer = new RecordingObserver();
        var images = pipeline.Generate(GenerateRequest.For("x", 1) with
        {
            Image = ImageSource.FromPixels(new PixelImage(100, 70, 3)), Strength = 1.0, Width = 64, Height = 48, Steps = 1,
        }, observer: observer);
        Assert.Equal((64, 48), (images[0].Image.Width, images[0].Image.Height));
        Assert.Equal(16 * 8 * 6, observer.InitLatent.Length);
        Assert.Equal(new[] { 1f, 0f }, observer.Timesteps); // strength 1: int(0 · 1) = 0, the whole schedule
    }

    /// <summary>Signature, IHDR, an IDAT holding the zlib header only, IEND: the codec reads the header at the first IDAT.</summary>
    private static byte[] HeaderAndTinyIdatPng(int width, int height)
    {
        using var s = new MemoryStream();
        s.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[17];
        "IHDR"u8.CopyTo(ihdr);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(8), height);
        ihdr[12] = 8; // bit depth
        ihdr[13] = 2; // RGB
        var header = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header, 13);
        s.Write(header);
        s.Write(ihdr);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(header, Crc32.Compute(ihdr));
        s.Write(header);
        foreach (var (type, data) in new[] { ("IDAT", new byte[] { 0x78, 0x9C }), ("IEND", Array.Empty<byte>()) })
        {
            byte[] chunk = [.. System.Text.Encoding.ASCII.GetBytes(type), .. data];
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header, data.Length);
            s.Write(header);
            s.Write(chunk);
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(header, Crc32.Compute(chunk));
            s.Write(header);
        }
        return s.ToArray();
    }
}
