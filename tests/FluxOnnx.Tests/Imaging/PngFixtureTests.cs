using FluxOnnx.Tests.TestData;
using Xunit;
using FluxOnnx.Imaging;
using FluxOnnx.TestSupport;

namespace FluxOnnx.Tests.Imaging;

/// <summary>Decodes the golden fixtures' PNGs (through <see cref="ImageDecoder"/>) and compares them with the uint8 tensors stored beside them.</summary>
public class PngFixtureTests
{
    public static TheoryData<string, string, string> PngsWithTensors() => new()
    {
        { "ae_roundtrip_128x128", "input.png", "image_uint8" },
        { "ae_roundtrip_128x128", "decoded.png", "decoded_uint8" },
        { "fill_forward_b1_128x128", "mask.png", "mask_uint8" },
        { "fill_sample_6steps_guid30_128x128", "image.png", "image_uint8" },
        { "fill_sample_6steps_guid30_128x128", "mask.png", "mask_uint8" },
        { "img2img_schnell_4steps_str0.6_128x128", "image.png", "image_uint8" },
        { "kontext_sample_6steps_guid2.5_128x128", "image.png", "image_uint8" },
        { "sample_schnell_4steps_128x128", "image.png", "image_uint8" },
    };

    [Theory]
    [MemberData(nameof(PngsWithTensors))]
    public void FixturePngMatchesItsUint8Tensor(string caseName, string file, string tensor)
    {
        string dir = SharedPaths.Case(caseName);
        var png = ImageDecoder.DecodeFile(Path.Combine(dir, file));
        var tensors = FixtureTensors.Open(Path.Combine(dir, "tensors.safetensors"));
        int[] shape = tensors.Shape(tensor);
        Assert.Equal((shape[0], shape[1]), (png.Height, png.Width));
        PixelImage pixels = shape.Length == 3 ? png.ToRgb() : png.ToGray();
        Assert.Equal(tensors.U8(tensor), pixels.Pixels);
    }

    [Theory]
    [InlineData("fill_forward_b1_128x128", "input.png")]
    [InlineData("fill_sample_6steps_guid30_128x128", "input.png")]
    [InlineData("img2img_schnell_4steps_str0.6_128x128", "init.png")]
    public void ConditioningImagesEqualTheAeRoundtripInput(string caseName, string file)
    {
        // The manifests state these are the same image as cases/ae_roundtrip_128x128/input.png (image_uint8).
        var png = ImageDecoder.DecodeFile(Path.Combine(SharedPaths.Case(caseName), file));
        var tensors = FixtureTensors.Open(Path.Combine(SharedPaths.Case("ae_roundtrip_128x128"), "tensors.safetensors"));
        Assert.Equal(tensors.U8("image_uint8"), png.ToRgb().Pixels);
    }

    [Fact]
    public void KontextReferenceDecodesAsRgb()
    {
        var png = ImageDecoder.DecodeFile(Path.Combine(SharedPaths.Case("kontext_sample_6steps_guid2.5_128x128"), "reference.png"));
        Assert.Equal((128, 128, 3), (png.Width, png.Height, png.Channels));
    }

    [Fact]
    public void ImageToTensorMatchesTheAutoencoderInput()
    {
        // x = float32(input.png pixels) / 127.5 - 1, [1, 3, 128, 128]: bit-exact.
        string dir = SharedPaths.Case("ae_roundtrip_128x128");
        var tensors = FixtureTensors.Open(Path.Combine(dir, "tensors.safetensors"));
        float[] chw = PixelTensors.ToSignedUnitChw(ImageDecoder.DecodeFile(Path.Combine(dir, "input.png")));
        Assert.Equal(tensors.F32("x"), chw);
    }

    [Fact]
    public void TensorToImageMatchesBflSaveImage()
    {
        // decoded_uint8 = save_image conversion of decoded (clamp, 127.5 (x + 1), truncation), and decoded.png holds it.
        string dir = SharedPaths.Case("ae_roundtrip_128x128");
        var tensors = FixtureTensors.Open(Path.Combine(dir, "tensors.safetensors"));
        PixelImage image = PixelTensors.FromSignedUnitChw(tensors.F32("decoded"), 128, 128);
        Assert.Equal(tensors.U8("decoded_uint8"), image.Pixels);
    }

    [Fact]
    public void FixtureImageSurvivesReencoding()
    {
        var png = ImageDecoder.DecodeFile(Path.Combine(SharedPaths.Case("sample_schnell_4steps_128x128"), "image.png"));
        var again = ImageDecoder.Decode(PngEncoder.Encode(png));
        Assert.Equal(png.Pixels, again.Pixels);
    }

    [Fact]
    public void FillMaskBecomesZeroOrOne()
    {
        string dir = SharedPaths.Case("fill_sample_6steps_guid30_128x128");
        var tensors = FixtureTensors.Open(Path.Combine(dir, "tensors.safetensors"));
        float[] mask = PixelTensors.ToMask(ImageDecoder.DecodeFile(Path.Combine(dir, "mask.png")));
        byte[] expected = tensors.U8("mask_uint8");
        Assert.Equal(expected.Select(b => b / 255f), mask);
        // manifest mask_stats.fraction_of_pixels_to_fill = 0.2025146484375 = 3318 / 16384
        Assert.Equal(3318, mask.Count(v => v == 1f));
    }
}
