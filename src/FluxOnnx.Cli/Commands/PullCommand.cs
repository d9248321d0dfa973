using System.CommandLine;
using FluxOnnx.Cli.Rendering;
using FluxOnnx.Tools.Downloads;

namespace FluxOnnx.Cli.Commands;

/// <summary>
/// <c>flux pull MODEL --output DIR</c>: downloads a models.lock.json entry's files with resume and hash checks,
/// on a machine that can reach the hub. Gated repositories need a token (--token or $HF_TOKEN).
/// </summary>
public static class PullCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "A model name from models.lock.json, e.g. flux1-schnell." };
        var output = new Option<string>("--output") { Description = "Folder to download into.", Required = true };
        var token = new Option<string?>("--token") { Description = "Access token for gated repositories (default: $HF_TOKEN)." };
        var endpoint = new Option<string?>("--endpoint") { Description = "Base URL of the hub or a mirror (default: https://huggingface.co)." };
        var command = new Command("pull", "Download a model's files listed in models.lock.json.") { model, output, token, endpoint };
        command.SetAction(async (parse, ct) =>
        {
            var entry = BuiltInLock.Load().Get(parse.GetRequiredValue(model));
            var options = new DownloadOptions { Token = parse.GetValue(token) ?? Environment.GetEnvironmentVariable("HF_TOKEN") };
            if (parse.GetValue(endpoint) is { } baseUri)
            {
                options = options with
                {
                    BaseUri = Uri.TryCreate(baseUri, UriKind.RelativeOrAbsolute, out var uri)
                        ? uri
                        : throw new CliUsageException("--endpoint", $"--endpoint takes a URL, got '{baseUri}'"),
                };
            }
            using var http = new HttpClient();
            var downloader = new ModelDownloader(http, options);
            var files = await new StageProgress(parse.InvocationConfiguration.Error).Run(report =>
                downloader.DownloadAsync(entry, parse.GetRequiredValue(output),
                    new Reporter<DownloadProgress>(p => report($"{p.Stage.ToString().ToLowerInvariant()} {p.RepositoryPath}", p.BytesDone, p.BytesTotal ?? 0)), ct));
            foreach (var file in files)
            {
                parse.InvocationConfiguration.Output.WriteLine($"{file.Check.Role}: {file.Outcome}, {file.Check.Status} ({file.FilePath})");
            }
            return 0;
        });
        return command;
    }
}
