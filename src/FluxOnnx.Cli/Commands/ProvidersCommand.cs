using System.CommandLine;
using FluxOnnx.Ort;
using FluxOnnx.Ort.Providers;

namespace FluxOnnx.Cli.Commands;

/// <summary>
/// <c>flux providers [--provider NAME]</c>: the loaded ONNX Runtime build, the providers it lists, and whether
/// the requested one (default <c>auto</c>) really appends — ORT lists CUDA and TensorRT even when their
/// libraries are missing, so only an append tells.
/// </summary>
public static class ProvidersCommand
{
    public static Command Create()
    {
        var provider = new Option<string>("--provider") { Description = "cpu, cuda, tensorrt, directml or auto.", DefaultValueFactory = _ => "auto" };
        var command = new Command("providers", "Show the ONNX Runtime build and which execution provider can be used.") { provider };
        command.SetAction((parse, _) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var library = OrtLibrary.Load(GlobalOptions.OrtSettings(parse));
            var request = ExecutionProviderParser.Parse(parse.GetRequiredValue(provider));
            output.WriteLine($"ONNX Runtime {library.VersionString} (C API {library.ApiVersion}) from {library.LibraryPath}");
            output.WriteLine($"listed providers: {string.Join(", ", library.GetAvailableProviders())}");
            // Provider libraries log through ORT's default logger, which exists only once an environment does.
            using var environment = new OrtEnvironment(library, new OrtEnvironmentSettings(OrtLogLevel.Error, "flux", null));
            using var options = new OrtSessionOptions(library);
            var selection = options.AppendExecutionProvider(request);
            foreach (var failure in selection.Failures)
            {
                output.WriteLine($"passed over {failure.Provider}: {failure.Detail}");
            }
            output.WriteLine($"selected: {selection.Primary}");
            return Task.FromResult(0);
        });
        return command;
    }
}
