using System.Net;
using System.Text.Json;
using FluxOnnx.Cli;
using FluxOnnx.Imaging;
using FluxOnnx.Lora;
using FluxOnnx.Pipeline;
using FluxOnnx.Server.Tests.Support;
using FluxOnnx.Serving;
using FluxOnnx.Serving.Jobs;
using Xunit;

namespace FluxOnnx.Server.Tests;

/// <summary>
/// The per-request <c>lora</c> field over LoRAs the operator registered: bound to the run-time slots, the image equals
/// <see cref="FluxPipeline.Generate"/> with the same adapter; unknown names, packages without slots and rank over the
/// slots are 400s with param <c>lora</c>; batches never mix LoRA sets.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class LoraServeTests(TinyPackages packages, LoraServePackage lora) : IClassFixture<LoraServePackage>, IAsyncLifetime
{
    private const string Prompt = "a lighthouse at dawn";
    private RunningServer _server = null!;

    public async Task InitializeAsync() => _server = await StartAsync(LoraFitMode.Refuse);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private Task<RunningServer> StartAsync(LoraFitMode fit) => RunningServer.StartAsync(
        [new ServedPackage(lora.Slots, "slots"), new ServedPackage(packages.Schnell, "plain")],
        RunningServer.Options() with { Loras = lora.Registered, LoraFit = fit });

    /// <summary>One 64×64, 2-step image of <paramref name="seed"/> through the pipeline, with <paramref name="adapters"/>.</summary>
    private PixelImage Reference(ulong seed, params LowRankAdapter[] adapters)
    {
        using var pipeline = FluxPipeline.Open(lora.Slots, new PipelineOptions { IntraOpThreads = 1 });
        var image = Assert.Single(pipeline.Generate(GenerateRequest.For(Prompt, seed) with { Width = 64, Height = 64, Steps = 2, Loras = adapters }));
        return image.Image;
    }

    private static async Task<PixelImage> ImageOf(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        using var body = JsonDocument.Parse(text);
        return ImageDecoder.Decode(Convert.FromBase64String(body.RootElement.GetProperty("data")[0].GetProperty("b64_json").GetString()!));
    }

    private static async Task<JsonElement> ErrorOf(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("error").Clone();
    }

    private static string Body(ulong seed, string? loraJson, string model = "slots") =>
        $$"""{"model":"{{model}}","prompt":"{{Prompt}}","size":"64x64","steps":2,"seed":{{seed}}{{(loraJson is null ? "" : ",\"lora\":" + loraJson)}}}""";

    [Fact]
    public async Task A_generation_with_lora_differs_from_without_and_equals_the_pipeline_with_the_same_adapter()
    {
        using var without = await _server.PostJsonAsync("v1/images/generations", Body(9, null));
        using var with = await _server.PostJsonAsync("v1/images/generations", Body(9, """[{"name":"style","strength":0.7}]"""));
        var plain = await ImageOf(without);
        var styled = await ImageOf(with);

        // More than the ±1 two runs of one request may differ by.
        var changed = plain.Pixels.Zip(styled.Pixels, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(changed > 2, $"the LoRA changed the image by at most {changed}");
        PixelAssert.WithinOne(Reference(9, lora.Adapter(lora.Style, 0.7)), styled);
        PixelAssert.WithinOne(Reference(9), plain);
    }

    [Fact]
    public async Task Models_list_the_slot_rank_and_the_loras_each_model_can_bind()
    {
        using var body = JsonDocument.Parse(await _server.Http.GetStringAsync("v1/models"));
        var models = body.RootElement.GetProperty("data").EnumerateArray().ToDictionary(m => m.GetProperty("id").GetString()!);
        Assert.Equal(LoraServePackage.SlotRank, models["slots"].GetProperty("lora_slot_rank").GetInt32());
        Assert.Equal(["big", "padded", "style"], models["slots"].GetProperty("loras").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(0, models["plain"].GetProperty("lora_slot_rank").GetInt32());
        Assert.Empty(models["plain"].GetProperty("loras").EnumerateArray());
    }

    [Theory]
    [InlineData("slots", """[{"name":"nope"}]""", "lora_not_found", "lora: expected one of the registered LoRAs: big, padded, style, got \"nope\".")]
    [InlineData("plain", """[{"name":"style"}]""", "lora_unsupported", "lora: expected a model with run-time LoRA slots: model 'plain' was converted without them, got \"style\".")]
    [InlineData("slots", """[{"name":"big"}]""", "lora_rank_exceeded", "lora: expected LoRAs of at most rank 8 per Linear (the slot rank of model 'slots'), got big needing rank 12 on double_blocks.0.img_attn.qkv.")]
    [InlineData("slots", """[{"name":"style"},{"name":"padded"}]""", "lora_rank_exceeded", "got style + padded needing rank 16 on double_blocks.0.img_attn.qkv.")]
    [InlineData("slots", "\"style\"", "invalid_type", "lora: expected an array of {\"name\", \"strength\"} objects, got a JSON string.")]
    [InlineData("slots", """[{"name":"style","strength":"high"}]""", "invalid_type", "lora: expected a number as \"strength\", got \"high\".")]
    [InlineData("slots", """[{"strength":1}]""", "invalid_type", "lora: expected each element with a \"name\" string")]
    public async Task Bad_lora_fields_are_400s_with_param_lora(string model, string loraJson, string code, string message)
    {
        using var response = await _server.PostJsonAsync("v1/images/generations", Body(1, loraJson, model));
        var error = await ErrorOf(response);
        Assert.Equal("lora", error.GetProperty("param").GetString());
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Contains(message, error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task An_img2img_edit_takes_lora_as_a_form_field_holding_the_same_json()
    {
        MultipartFormDataContent Form(string loraJson) => new()
        {
            { new StringContent("slots"), "model" }, { new StringContent(Prompt), "prompt" }, { new StringContent("2"), "steps" },
            { new StringContent("6"), "seed" }, { new StringContent("0.9"), "strength" }, { new StringContent(loraJson), "lora" },
            { RunningServer.File(TestImages.GradientPng(64, 64)), "image", "init.png" },
        };
        using var unknown = await _server.Http.PostAsync("v1/images/edits", Form("""[{"name":"nope"}]"""));
        var error = await ErrorOf(unknown);
        Assert.Equal("lora", error.GetProperty("param").GetString());
        Assert.Equal("lora_not_found", error.GetProperty("code").GetString());

        using var plain = await _server.Http.PostAsync("v1/images/edits", Form("[]"));
        using var styled = await _server.Http.PostAsync("v1/images/edits", Form("""[{"name":"style","strength":1.5}]"""));
        var a = await ImageOf(plain);
        var b = await ImageOf(styled);
        Assert.True(a.Pixels.Zip(b.Pixels, (x, y) => Math.Abs(x - y)).Max() > 2, "the LoRA did not change the edit");
    }

    [Fact]
    public async Task With_lora_fit_svd_a_lora_over_the_slot_rank_is_folded()
    {
        await using var server = await StartAsync(LoraFitMode.Svd);
        using var big = await server.PostJsonAsync("v1/images/generations", Body(4, """[{"name":"big"}]"""));
        Assert.Equal(HttpStatusCode.OK, big.StatusCode);
        // padded has rank 12 but only 8 non-zero components: folded to rank 8 it is exactly its first 8 components.
        using var padded = await server.PostJsonAsync("v1/images/generations", Body(4, """[{"name":"padded","strength":0.9}]"""));
        PixelAssert.WithinOne(Reference(4, lora.Adapter(lora.Exact, 0.9)), await ImageOf(padded));
    }

    [Fact]
    public async Task Queued_jobs_batch_only_with_the_same_loras_at_the_same_strengths()
    {
        var service = _server.Service;
        var blocker = service.Submit(new ImageJobRequest { Model = "slots", Prompt = "blocker", Width = 128, Height = 128, Steps = 100, Seed = 1 });
        LoraSelection[] style = [new("style", 1)];
        var jobs = new[]
        {
            service.Submit(new ImageJobRequest { Model = "slots", Prompt = Prompt, Width = 64, Height = 64, Steps = 2, Seed = 30, Loras = style }),
            service.Submit(new ImageJobRequest { Model = "slots", Prompt = Prompt, Width = 64, Height = 64, Steps = 2, Seed = 31 }),
            service.Submit(new ImageJobRequest { Model = "slots", Prompt = Prompt, Width = 64, Height = 64, Steps = 2, Seed = 32, Loras = style }),
            service.Submit(new ImageJobRequest { Model = "slots", Prompt = Prompt, Width = 64, Height = 64, Steps = 2, Seed = 33, Loras = [new("style", 0.5)] }),
        };
        blocker.Cancel();
        var results = await Task.WhenAll(jobs.Select(j => j.Completion));

        Assert.Equal([2, 1, 2, 1], results.Select(r => r.BatchImages));
        PixelAssert.WithinOne(Reference(30, lora.Adapter(lora.Style, 1)), ImageDecoder.Decode(results[0].Images[0].Bytes));
        PixelAssert.WithinOne(Reference(31), ImageDecoder.Decode(results[1].Images[0].Bytes));
        PixelAssert.WithinOne(Reference(32, lora.Adapter(lora.Style, 1)), ImageDecoder.Decode(results[2].Images[0].Bytes));
        PixelAssert.WithinOne(Reference(33, lora.Adapter(lora.Style, 0.5)), ImageDecoder.Decode(results[3].Images[0].Bytes));
    }

    [Theory]
    [InlineData("style", "flux: --lora: expected NAME=FILE, got 'style'")]
    [InlineData("=x.safetensors", "flux: --lora: expected NAME=FILE, got '=x.safetensors'")]
    public async Task Serve_lora_options_that_do_not_parse_exit_2(string value, string message)
    {
        var stderr = new StringWriter();
        var exit = await CliApp.RunAsync(["serve", "--package", lora.Slots, "--port", "0", "--lora", value], new StringWriter(), stderr);
        Assert.Equal(2, exit);
        Assert.Equal(message + "\n", stderr.ToString());
    }

    [Fact]
    public async Task Serve_lora_of_a_missing_file_or_a_name_given_twice_exits_2()
    {
        var missing = Path.Combine(lora.Root, "missing.safetensors");
        var stderr = new StringWriter();
        var exit = await CliApp.RunAsync(["serve", "--package", lora.Slots, "--port", "0", "--lora", "a=" + missing], new StringWriter(), stderr);
        Assert.Equal(2, exit);
        Assert.Equal($"flux: --lora: no such file: {missing}\n", stderr.ToString());

        stderr = new StringWriter();
        exit = await CliApp.RunAsync(["serve", "--package", lora.Slots, "--port", "0", "--lora", "a=" + lora.Style, "--lora", "a=" + lora.Big], new StringWriter(), stderr);
        Assert.Equal(2, exit);
        Assert.Equal("flux: --lora: the name 'a' is registered twice\n", stderr.ToString());
    }
}
