using System.Net;
using System.Text;
using System.Text.Json;
using FluxOnnx.Server.Hosting;
using FluxOnnx.Server.Tests.Support;
using FluxOnnx.Serving;
using Xunit;

namespace FluxOnnx.Server.Tests;

/// <summary>
/// Bad requests each get their documented status and OpenAI-style error body ({error: {message, type, param, code}}),
/// and the same server then still answers a good request.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class BadInputTests(TinyPackages packages) : IAsyncLifetime
{
    private RunningServer _server = null!;

    public async Task InitializeAsync() => _server = await RunningServer.StartAsync([new ServedPackage(packages.Schnell, "flux-tiny")],
        RunningServer.Options(limits: new ServingLimits { MaxPromptLength = 100, MaxUploadBytes = 256 * 1024 }),
        new FluxServerOptions { MaxJsonBytes = 64 * 1024 });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<string> Cases => new(BadRequests.All.Keys);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_request_gets_its_status_and_error_body_and_the_server_keeps_serving(string name)
    {
        var bad = BadRequests.All[name];
        using var response = await _server.Http.SendAsync(bad.Build());

        Assert.Equal(bad.Status, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = body.RootElement.GetProperty("error");
        Assert.Equal(bad.Type, error.GetProperty("type").GetString());
        Assert.Equal(bad.Param, error.GetProperty("param").GetString());
        Assert.Equal(bad.Code, error.GetProperty("code").GetString());
        Assert.Contains(bad.Message, error.GetProperty("message").GetString());

        using var good = await _server.PostJsonAsync("v1/images/generations", """{"prompt":"still here","size":"32x32","steps":1,"seed":1}""");
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
    }

    [Fact]
    public async Task Size_0x0_message_is_exact()
    {
        using var response = await _server.PostJsonAsync("v1/images/generations", """{"prompt":"x","size":"0x0"}""");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("""{"error":{"message":"size: expected WIDTHxHEIGHT, each a positive multiple of 16, got 0x0.","type":"invalid_request_error","param":"size","code":"invalid_size"}}""",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Queue_full_is_429_with_retry_after()
    {
        await using var server = await RunningServer.StartAsync([new ServedPackage(packages.Schnell, "flux-tiny")], RunningServer.Options(queue: 0));

        using var response = await server.PostJsonAsync("v1/images/generations", """{"prompt":"x","size":"32x32","steps":1}""");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("queue_full", body.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("rate_limit_error", body.RootElement.GetProperty("error").GetProperty("type").GetString());
    }
}

/// <summary>One bad request and the error it must get.</summary>
internal sealed record BadRequest(Func<HttpRequestMessage> Build, HttpStatusCode Status, string? Param, string Code, string Message,
    string Type = "invalid_request_error");

/// <summary>The bad requests, by name.</summary>
internal static class BadRequests
{
    private const string Generations = "v1/images/generations";
    private const string Edits = "v1/images/edits";

    public static IReadOnlyDictionary<string, BadRequest> All { get; } = new Dictionary<string, BadRequest>
    {
        ["malformed JSON"] = new(() => Json("""{"prompt":"""), HttpStatusCode.BadRequest, "body", "invalid_json", "malformed JSON"),
        ["JSON array body"] = new(() => Json("[1,2]"), HttpStatusCode.BadRequest, "body", "invalid_json", "got a JSON array"),
        ["text/plain body"] = new(() => new HttpRequestMessage(HttpMethod.Post, Generations) { Content = new StringContent("""{"prompt":"x"}""", Encoding.UTF8, "text/plain") },
            HttpStatusCode.BadRequest, "body", "invalid_content_type", "expected application/json"),
        ["missing prompt"] = new(() => Json("""{"size":"64x64"}"""), HttpStatusCode.BadRequest, "prompt", "missing_prompt", "prompt: expected a prompt, got none."),
        ["empty prompt"] = new(() => Json("""{"prompt":""}"""), HttpStatusCode.BadRequest, "prompt", "missing_prompt", "got an empty string"),
        ["prompt too long"] = new(() => Json($$"""{"prompt":"{{new string('a', 101)}}"}"""), HttpStatusCode.BadRequest, "prompt", "prompt_too_long",
            "prompt: expected at most 100 characters, got 101 characters."),
        ["size 0x0"] = new(() => Json("""{"prompt":"x","size":"0x0"}"""), HttpStatusCode.BadRequest, "size", "invalid_size", "got 0x0."),
        ["size not a multiple of 16"] = new(() => Json("""{"prompt":"x","size":"100x64"}"""), HttpStatusCode.BadRequest, "size", "invalid_size", "got 100x64."),
        ["size not WxH"] = new(() => Json("""{"prompt":"x","size":"banana"}"""), HttpStatusCode.BadRequest, "size", "invalid_size", "got \"banana\"."),
        ["size 20000x20000"] = new(() => Json("""{"prompt":"x","size":"20000x20000"}"""), HttpStatusCode.BadRequest, "size", "size_too_large",
            "size: expected at most 2097152 pixels, got 20000x20000 = 400000000 pixels."),
        ["n=1000"] = new(() => Json("""{"prompt":"x","n":1000}"""), HttpStatusCode.BadRequest, "n", "invalid_n", "n: expected 1 to 4 images, got 1000."),
        ["n a string"] = new(() => Json("""{"prompt":"x","n":"two"}"""), HttpStatusCode.BadRequest, "n", "invalid_type", "n: expected an integer, got a JSON string."),
        ["steps 0"] = new(() => Json("""{"prompt":"x","steps":0}"""), HttpStatusCode.BadRequest, "steps", "invalid_steps", "steps: expected 1 to 100 steps, got 0."),
        ["steps 1000"] = new(() => Json("""{"prompt":"x","steps":1000}"""), HttpStatusCode.BadRequest, "steps", "invalid_steps", "got 1000."),
        ["guidance on schnell"] = new(() => Json("""{"prompt":"x","guidance":3.5}"""), HttpStatusCode.BadRequest, "guidance", "unsupported_parameter",
            "model 'flux-tiny' (schnell) has no guidance input"),
        ["response_format url"] = new(() => Json("""{"prompt":"x","response_format":"url"}"""), HttpStatusCode.BadRequest, "response_format",
            "unsupported_response_format", "this server returns no URLs"),
        ["output_format gif"] = new(() => Json("""{"prompt":"x","output_format":"gif"}"""), HttpStatusCode.BadRequest, "output_format", "invalid_output_format", "got \"gif\"."),
        ["negative seed"] = new(() => Json("""{"prompt":"x","seed":-1}"""), HttpStatusCode.BadRequest, "seed", "invalid_seed", "got -1."),
        ["unknown model"] = new(() => Json("""{"prompt":"x","model":"dall-e-3"}"""), HttpStatusCode.NotFound, "model", "model_not_found",
            "model 'dall-e-3' is not served here; available: flux-tiny."),
        ["JSON body over the cap"] = new(() => Json($$"""{"prompt":"x","pad":"{{new string('p', 70 * 1024)}}"}"""), (HttpStatusCode)413, "body",
            "request_too_large", "exceeds 65536 bytes"),
        ["20000x20000 PNG"] = new(() => Edit(TestImages.DeclaredSizePng(20000, 20000)), HttpStatusCode.BadRequest, "image", "image_too_large",
            "image: expected at most 16777216 pixels, got 20000x20000."),
        ["truncated JPEG"] = new(() => Edit(TestImages.TruncatedJpeg(), "image/jpeg"), HttpStatusCode.BadRequest, "image", "invalid_image",
            "image: expected a PNG, JPEG or WebP image, got Truncated"),
        ["bytes of no image format"] = new(() => Edit(Encoding.ASCII.GetBytes("GIF89a not really")), HttpStatusCode.BadRequest, "image", "invalid_image",
            "got UnknownFormat"),
        ["upload over the byte limit"] = new(() => Edit(new byte[300 * 1024]), HttpStatusCode.BadRequest, "image", "upload_too_large",
            "image: expected at most 262144 bytes, got 307200 bytes."),
        ["edits with a JSON body"] = new(() => new HttpRequestMessage(HttpMethod.Post, Edits) { Content = new StringContent("""{"prompt":"x"}""", Encoding.UTF8, "application/json") },
            HttpStatusCode.BadRequest, "body", "invalid_content_type", "expected multipart/form-data"),
        ["mask on schnell"] = new(() => Edit(TestImages.GradientPng(32, 32), mask: TestImages.CentreMaskPng(32, 32)), HttpStatusCode.BadRequest, "mask",
            "unsupported_parameter", "no mask for model 'flux-tiny' (schnell)"),
        ["image named by a path"] = new(() => Form(("prompt", "x"), ("image", "/etc/passwd")), HttpStatusCode.BadRequest, "image", "invalid_type",
            "image: expected a file part (the image's bytes), got a text field."),
        ["unknown route"] = new(() => new HttpRequestMessage(HttpMethod.Get, "v1/images/variations"), HttpStatusCode.NotFound, null, "not_found",
            "no route GET /v1/images/variations."),
        ["unknown job"] = new(() => new HttpRequestMessage(HttpMethod.Get, "v1/jobs/img_nope"), HttpStatusCode.NotFound, null, "job_not_found", "no job 'img_nope'."),
    };

    private static HttpRequestMessage Json(string body) =>
        new(HttpMethod.Post, Generations) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    private static HttpRequestMessage Edit(byte[] image, string mediaType = "image/png", byte[]? mask = null)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent("x"), "prompt" },
            { RunningServer.File(image, mediaType), "image", "input" },
        };
        if (mask is not null)
        {
            form.Add(RunningServer.File(mask), "mask", "mask.png");
        }
        return new HttpRequestMessage(HttpMethod.Post, Edits) { Content = form };
    }

    private static HttpRequestMessage Form(params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }
        return new HttpRequestMessage(HttpMethod.Post, Edits) { Content = form };
    }
}
