using System.ClientModel;
using System.Globalization;
using FluxOnnx.Imaging;
using FluxOnnx.Server.Tests.Support;
using FluxOnnx.Serving;
using OpenAI;
using OpenAI.Images;
using Xunit;

namespace FluxOnnx.Server.Tests;

/// <summary>
/// The official OpenAI .NET client (ImageClient, endpoint = the loopback test server) against flux serve's routes:
/// every image it gets back equals, within ±1 per channel, what <c>flux generate</c> makes with the seed the image
/// records.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class OpenAiClientTests(TinyPackages packages) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flux-serve-openai-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static ImageClient Client(RunningServer server, string model) =>
        new(model, new ApiKeyCredential("not-checked"), new OpenAIClientOptions { Endpoint = new Uri(server.BaseAddress, "v1") });

    private static string S(ulong seed) => seed.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task Generations_equal_flux_generate_for_the_recorded_seed()
    {
        await using var server = await RunningServer.StartAsync([new ServedPackage(packages.Schnell, "flux-tiny")]);
        var client = Client(server, "flux-tiny");

        var result = await client.GenerateImageAsync("a lighthouse at dawn",
            new ImageGenerationOptions { Size = new GeneratedImageSize(64, 64), ResponseFormat = GeneratedImageFormat.Bytes });

        var png = result.Value.ImageBytes.ToArray();
        var served = ImageDecoder.Decode(png);
        Assert.Equal((64, 64), (served.Width, served.Height));
        var seed = PngSeed.Read(png);
        var expected = await FluxGenerate.RunAsync(_dir, "a lighthouse at dawn", "--package", packages.Schnell, "--seed", S(seed),
            "--width", "64", "--height", "64");
        PixelAssert.WithinOne(expected, served);
    }

    [Fact]
    public async Task Several_images_take_consecutive_seeds_each_equal_to_a_single_run()
    {
        await using var server = await RunningServer.StartAsync([new ServedPackage(packages.Schnell, "flux-tiny")]);
        var client = Client(server, "flux-tiny");

        var result = await client.GenerateImagesAsync("two boats", 2,
            new ImageGenerationOptions { Size = new GeneratedImageSize(64, 48), ResponseFormat = GeneratedImageFormat.Bytes });

        Assert.Equal(2, result.Value.Count);
        var first = PngSeed.Read(result.Value[0].ImageBytes.ToArray());
        Assert.Equal(first + 1, PngSeed.Read(result.Value[1].ImageBytes.ToArray()));
        for (var i = 0; i < 2; i++)
        {
            var expected = await FluxGenerate.RunAsync(_dir, "two boats", "--package", packages.Schnell, "--seed", S(first + (ulong)i),
                "--width", "64", "--height", "48");
            PixelAssert.WithinOne(expected, ImageDecoder.Decode(result.Value[i].ImageBytes.ToArray()));
        }
    }

    [Fact]
    public async Task Edits_on_schnell_are_img2img_at_the_default_strength()
    {
        await using var server = await RunningServer.StartAsync([new ServedPackage(packages.Schnell, "flux-tiny")]);
        var init = Path.Combine(_dir, "init.png");
        await File.WriteAllBytesAsync(init, TestImages.GradientPng(64, 64));

        await using var stream = File.OpenRead(init);
        var result = await Client(server, "flux-tiny").GenerateImageEditAsync(stream, "init.png", "a red barn",
            new ImageEditOptions { ResponseFormat = GeneratedImageFormat.Bytes });

        var png = result.Value.ImageBytes.ToArray();
        var expected = await FluxGenerate.RunAsync(_dir, "a red barn", "--package", packages.Schnell, "--seed", S(PngSeed.Read(png)),
            "--image", init, "--strength", "0.8");
        PixelAssert.WithinOne(expected, ImageDecoder.Decode(png));
    }

    [Fact]
    public async Task Edits_on_fill_inpaint_the_mask()
    {
        await using var server = await RunningServer.StartAsync([new ServedPackage(packages.Fill, "fill")]);
        var image = Path.Combine(_dir, "source.png");
        var mask = Path.Combine(_dir, "mask.png");
        await File.WriteAllBytesAsync(image, TestImages.GradientPng(64, 64));
        await File.WriteAllBytesAsync(mask, TestImages.CentreMaskPng(64, 64));

        await using var imageStream = File.OpenRead(image);
        await using var maskStream = File.OpenRead(mask);
        var result = await Client(server, "fill").GenerateImageEditAsync(imageStream, "source.png", "a window", maskStream, "mask.png",
            new ImageEditOptions { ResponseFormat = GeneratedImageFormat.Bytes });

        var png = result.Value.ImageBytes.ToArray();
        var expected = await FluxGenerate.RunAsync(_dir, "a window", "--package", packages.Fill, "--seed", S(PngSeed.Read(png)),
            "--image", image, "--mask", mask);
        PixelAssert.WithinOne(expected, ImageDecoder.Decode(png));
    }

    [Fact]
    public async Task Edits_on_kontext_use_the_image_as_reference()
    {
        await using var server = await RunningServer.StartAsync([new ServedPackage(packages.Kontext, "kontext")]);
        var image = Path.Combine(_dir, "reference.png");
        await File.WriteAllBytesAsync(image, TestImages.GradientPng(80, 64));

        await using var stream = File.OpenRead(image);
        var result = await Client(server, "kontext").GenerateImageEditAsync(stream, "reference.png", "make it night",
            new ImageEditOptions { ResponseFormat = GeneratedImageFormat.Bytes, Size = new GeneratedImageSize(64, 64) });

        var png = result.Value.ImageBytes.ToArray();
        var expected = await FluxGenerate.RunAsync(_dir, "make it night", "--package", packages.Kontext, "--seed", S(PngSeed.Read(png)),
            "--image", image, "--width", "64", "--height", "64");
        PixelAssert.WithinOne(expected, ImageDecoder.Decode(png));
    }

    [Fact]
    public async Task Edits_on_canny_take_the_control_field()
    {
        await using var server = await RunningServer.StartAsync([new ServedPackage(packages.Canny, "canny")]);
        var control = Path.Combine(_dir, "edges.png");
        await File.WriteAllBytesAsync(control, TestImages.GradientPng(64, 64));
        using var form = new MultipartFormDataContent
        {
            { new StringContent("canny"), "model" },
            { new StringContent("a bridge"), "prompt" },
            { new StringContent("5"), "seed" },
            { new StringContent("3"), "steps" },
            { RunningServer.File(await File.ReadAllBytesAsync(control)), "control", "edges.png" },
        };

        using var response = await server.Http.PostAsync("v1/images/edits", form);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        using var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var png = System.Convert.FromBase64String(body.RootElement.GetProperty("data")[0].GetProperty("b64_json").GetString()!);
        Assert.Equal(5UL, PngSeed.Read(png));
        var expected = await FluxGenerate.RunAsync(_dir, "a bridge", "--package", packages.Canny, "--seed", "5", "--steps", "3", "--control", control);
        PixelAssert.WithinOne(expected, ImageDecoder.Decode(png));
    }
}
