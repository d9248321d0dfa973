using System.Text.Json;

namespace FluxOnnx.Server.Tests.Support;

/// <summary>Reads Server-Sent Events (<c>event:</c> + <c>data:</c> lines, blank line ends one; comments skipped).</summary>
internal static class SseReader
{
    public static async IAsyncEnumerable<(string Event, JsonElement Data)> ReadAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        if (response.Content.Headers.ContentType?.MediaType != "text/event-stream")
        {
            throw new InvalidOperationException("not an event stream: " + response.Content.Headers.ContentType);
        }
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        string? name = null, data = null;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line["data: ".Length..];
            }
            else if (line.Length == 0 && name is not null && data is not null)
            {
                yield return (name, JsonDocument.Parse(data).RootElement.Clone());
                name = data = null;
            }
        }
    }
}
