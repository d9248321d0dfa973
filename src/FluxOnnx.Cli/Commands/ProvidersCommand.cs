using System.CommandLine;
using FluxOnnx.Runtime;
using FluxOnnx.Runtime.Providers;
using Microsoft.ML.OnnxRuntime;

namespace FluxOnnx.Cli.Commands;

/// <summary>
/// <c>flux providers [--provider NAME]</c>: the ONNX Runtime build this flux was built with, the providers it lists,
/// and whether the requested one (default <c>auto</c>) really appends — the Gpu build lists CUDA and TensorRT even
/// when their libraries are missing, so only an append tells.
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
            var request = ExecutionProviderParser.Parse(parse.GetRequiredValue(provider));
            var environment = OrtEnv.Instance();
            output.WriteLine($"ONNX Runtime {environment.GetVersionString()} ({BuildMetadata("FluxOrtFlavor")} build: {BuildMetadata("FluxOrtNativePackage")})");
            output.WriteLine($"listed providers: {string.Join(", ", environment.GetAvailableProviders())}");
            using var options = new SessionSettings(request).CreateOptions(out var selection);
            foreach (var failure in selection.Failures)
            {
                output.WriteLine($"passed over {ExecutionProviderNames.Of(failure.Provider)}: {failure.Detail}");
            }
            output.WriteLine($"selected: {ExecutionProviderNames.Of(selection.Primary)}");
            return Task.FromResult(0);
        });
        return command;
    }

    /// <summary>A value build/OnnxRuntimeNative.targets stamped into this assembly.</summary>
    private static string BuildMetadata(string key) =>
        typeof(ProvidersCommand).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value ?? "unknown";
}
