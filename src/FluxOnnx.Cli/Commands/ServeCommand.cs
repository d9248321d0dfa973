using System.CommandLine;
using System.Globalization;
using System.Net;
using FluxOnnx.Cli.Rendering;
using FluxOnnx.Converter.Lora;
using FluxOnnx.Lora;
using FluxOnnx.Tools.BuiltIn;
using FluxOnnx.Pipeline;
using FluxOnnx.Server.Hosting;
using FluxOnnx.Serving;

namespace FluxOnnx.Cli.Commands;

/// <summary>
/// <c>flux serve --package PKG [--package PKG2 …]</c>: an OpenAI-compatible image server (FluxOnnx.Server over
/// FluxImageService). Listens first (so <c>/readyz</c> answers 503 while packages load), loads every package once,
/// then serves until Ctrl+C. With no <c>--package</c> it serves the built-in tiny model.
/// </summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var packages = new Option<string[]>("--package") { Description = "Model package folder; repeat to serve several (default: the built-in tiny model).", AllowMultipleArgumentsPerToken = false };
        var names = new Option<string[]>("--name") { Description = "Model name for the --package at the same position (default: the folder's name)." };
        var host = new Option<string>("--host") { Description = "Address to listen on (0.0.0.0 for every interface).", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "TCP port (0 picks a free one).", DefaultValueFactory = _ => 8000 };
        var queue = new Option<int>("--queue") { Description = "Waiting requests per model before 429.", DefaultValueFactory = _ => 8 };
        var maxBatch = new Option<int>("--max-batch") { Description = "Most images per transformer batch (1 disables batching).", DefaultValueFactory = _ => 4 };
        var apiKeyFile = new Option<string?>("--api-key-file") { Description = "File of accepted bearer keys, one per line (# comments); without it /v1 is open." };
        var threads = new Option<int?>("--threads") { Description = "Intra-op threads (default: ONNX Runtime's choice)." };
        var lowMemory = new Option<bool>("--low-memory") { Description = "Keep only the transformer loaded between requests." };
        var allowUnverified = new Option<bool>("--allow-unverified-provider") { Description = "Run a bf16/fp8/int8/int4 package on a provider its manifest does not list as verified." };
        var cacheDir = new Option<string?>("--cache-dir") { Description = $"Where the built-in model is kept (default: ${CachePaths.Variable}, else the user cache folder)." };
        var defaults = new ServingLimits();
        var maxPixels = new Option<long>("--max-pixels") { Description = "Largest output width x height.", DefaultValueFactory = _ => defaults.MaxPixels };
        var maxSteps = new Option<int>("--max-steps") { Description = "Most steps per request.", DefaultValueFactory = _ => defaults.MaxSteps };
        var maxImages = new Option<int>("--max-images") { Description = "Most images (n) per request.", DefaultValueFactory = _ => defaults.MaxImages };
        var maxPrompt = new Option<int>("--max-prompt-length") { Description = "Longest prompt, in characters.", DefaultValueFactory = _ => defaults.MaxPromptLength };
        var maxUpload = new Option<long>("--max-upload-bytes") { Description = "Largest uploaded image, in bytes.", DefaultValueFactory = _ => defaults.MaxUploadBytes };
        var maxInputPixels = new Option<long>("--max-input-pixels") { Description = "Largest uploaded image's width x height (checked in its header before decoding).", DefaultValueFactory = _ => defaults.MaxInputPixels };
        var lora = new Option<string[]>("--lora") { Description = "Register a LoRA .safetensors as NAME=FILE, for requests' \"lora\": [{\"name\": NAME, \"strength\": S}] on packages converted with --lora-slots; repeatable." };
        var loraFit = new Option<string?>("--lora-fit") { Description = "svd: fold request LoRAs needing more rank than the slots hold to the slot rank (truncated SVD); default: refuse them (400)." };
        loraFit.AcceptOnlyFromAmong("svd");
        var providers = new ProviderOptions();
        var command = new Command("serve", "Serve packages over an OpenAI-compatible images API.")
        {
            packages, names, host, port, queue, maxBatch, apiKeyFile, threads, lowMemory, allowUnverified, cacheDir,
            maxPixels, maxSteps, maxImages, maxPrompt, maxUpload, maxInputPixels, lora, loraFit,
        };
        foreach (var option in providers.All)
        {
            command.Options.Add(option);
        }
        command.SetAction(async (parse, ct) =>
        {
            var log = parse.InvocationConfiguration.Error;
            var stdout = parse.InvocationConfiguration.Output;
            var folders = parse.GetValue(packages) ?? [];
            var given = parse.GetValue(names) ?? [];
            if (given.Length > Math.Max(folders.Length, 1))
            {
                throw new CliUsageException("--name", $"--name was given {given.Length} times for {folders.Length} --package");
            }
            if (!IPAddress.TryParse(parse.GetRequiredValue(host), out var address))
            {
                throw new CliUsageException("--host", $"--host takes an IP address, got '{parse.GetValue(host)}'");
            }
            if (folders.Length == 0)
            {
                log.WriteLine("flux: serving the built-in tiny model (random weights: the images are noise; see README to convert real FLUX.1 weights)");
                folders = [new StageProgress(log).Run(report => BuiltInModel.EnsurePackage(
                    parse.GetValue(cacheDir) ?? CachePaths.Root(), new Reporter<Converter.Conversion.ConvertProgress>(p => report("preparing built-in model: " + p.Stage, p.Done, p.Total)), ct))];
                given = given.Length == 0 ? ["flux-tiny"] : given;
            }
            var loras = RegisteredLoras(parse.GetValue(lora) ?? []);
            var served = folders.Select((f, i) => new ServedPackage(f, i < given.Length ? given[i] : null)).ToArray();
            var keys = parse.GetValue(apiKeyFile) is { } keyFile ? ApiKeys.Parse(await File.ReadAllTextAsync(keyFile, ct)) : ApiKeys.None;
            using var service = new FluxImageService(served, new FluxImageServiceOptions
            {
                QueueCapacity = parse.GetValue(queue),
                MaxBatchImages = parse.GetValue(maxBatch),
                Limits = new ServingLimits
                {
                    MaxPixels = parse.GetValue(maxPixels),
                    MaxSteps = parse.GetValue(maxSteps),
                    MaxImages = parse.GetValue(maxImages),
                    MaxPromptLength = parse.GetValue(maxPrompt),
                    MaxUploadBytes = parse.GetValue(maxUpload),
                    MaxInputPixels = parse.GetValue(maxInputPixels),
                },
                Pipeline = new PipelineOptions
                {
                    Provider = providers.Parse(parse),
                    IntraOpThreads = parse.GetValue(threads) ?? 0,
                    LowMemory = parse.GetValue(lowMemory),
                    VerifyHashes = true,
                    AllowUnverifiedProvider = parse.GetValue(allowUnverified),
                },
                Loras = loras,
                LoraFit = parse.GetValue(loraFit) is null ? LoraFitMode.Refuse : LoraFitMode.Svd,
            });
            await using var server = FluxServer.Create(service, new FluxServerOptions { Address = address, Port = parse.GetValue(port), ApiKeys = keys });
            try
            {
                await server.StartAsync(ct);
            }
            catch (IOException e)
            {
                throw new CliUsageException("--port", $"--port {parse.GetValue(port).ToString(CultureInfo.InvariantCulture)}: {e.Message}");
            }
            log.WriteLine($"flux: listening on {server.BaseAddress} (loading {served.Length} package{(served.Length == 1 ? "" : "s")}; /readyz answers 503 until done)");
            await service.LoadAsync(ct);
            foreach (var m in service.Models)
            {
                stdout.WriteLine($"serving {m.Name} ({m.Variant.Name()}, {m.Precision.Name()}, {m.Provider}) at {server.BaseAddress}v1/images/generations");
                if (m.LoraSlotRank > 0)
                {
                    stdout.WriteLine($"  LoRA slots of rank {m.LoraSlotRank}; LoRAs: {(m.Loras.Count == 0 ? "none" : string.Join(", ", m.Loras))}");
                }
            }
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                log.WriteLine("flux: stopping");
            }
            await server.StopAsync(CancellationToken.None);
            return 0;
        });
        return command;
    }

    /// <summary><c>--lora NAME=FILE</c> values: each file read for a package's slots when the service loads.</summary>
    private static ServedLora[] RegisteredLoras(string[] values)
    {
        var registered = new List<ServedLora>();
        foreach (var value in values)
        {
            var equals = value.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || equals == value.Length - 1)
            {
                throw new CliUsageException("--lora", $"--lora: expected NAME=FILE, got '{value}'");
            }
            var name = value[..equals];
            var file = value[(equals + 1)..];
            if (!File.Exists(file))
            {
                throw new CliUsageException("--lora", $"--lora: no such file: {Path.GetFullPath(file)}");
            }
            if (registered.Any(l => l.Name == name))
            {
                throw new CliUsageException("--lora", $"--lora: the name '{name}' is registered twice");
            }
            registered.Add(new ServedLora(name, slots => LoraAdapterReader.Read(new LoraSpec(file), slots)));
        }
        return [.. registered];
    }
}
