using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using FluxOnnx.Server.Hosting;
using FluxOnnx.Server.Tests.Support;
using FluxOnnx.Serving;
using Xunit;

namespace FluxOnnx.Server.Tests;

/// <summary>Bearer keys from a key file: /v1 needs one (401 invalid_api_key otherwise); probes and metrics stay open.</summary>
[Collection(ServerCollection.Name)]
public sealed class ApiKeyTests(TinyPackages packages)
{
    private const string KeyFile = "# keys of the test server\n\n  sk-first  \nsk-second\n";

    [Theory]
    [InlineData(null, "missing API key: send Authorization: Bearer KEY.")]
    [InlineData("Bearer sk-wrong", "incorrect API key provided.")]
    [InlineData("Basic c2stZmlyc3Q6", "incorrect API key provided.")]
    public async Task Without_an_accepted_key_v1_answers_401(string? authorization, string message)
    {
        await using var server = await Start();
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/models");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await server.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal(("invalid_request_error", "invalid_api_key", message), (error.GetProperty("type").GetString(), error.GetProperty("code").GetString(), error.GetProperty("message").GetString()));
        Assert.Equal(JsonValueKind.Null, error.GetProperty("param").ValueKind);
    }

    [Fact]
    public async Task Either_key_of_the_file_is_accepted_and_probes_need_none()
    {
        await using var server = await Start();
        Assert.Equal(2, ApiKeys.Parse(KeyFile).Count);
        foreach (var key in new[] { "sk-first", "sk-second" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "v1/images/generations")
            {
                Content = new StringContent("""{"prompt":"x","size":"32x32","steps":1}""", System.Text.Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            using var response = await server.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        foreach (var probe in new[] { "healthz", "readyz", "metrics" })
        {
            using var response = await server.Http.GetAsync(probe);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public void A_key_file_without_keys_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => ApiKeys.Parse("# nothing\n\n"));
        Assert.StartsWith("the API key file holds no key", e.Message);
    }

    private Task<RunningServer> Start() => RunningServer.StartAsync([new ServedPackage(packages.Schnell, "flux-tiny")],
        serverOptions: new FluxServerOptions { ApiKeys = ApiKeys.Parse(KeyFile) });
}
