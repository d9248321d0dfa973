using System.CommandLine;
using FluxOnnx.Ort;

namespace FluxOnnx.Cli;

/// <summary>Options every command accepts, and how the CLI (never the library) resolves them from the environment.</summary>
public static class GlobalOptions
{
    /// <summary>Name of the environment variable that points at another ONNX Runtime build.</summary>
    public const string OrtLibraryVariable = "FLUX_ORT_LIBRARY";

    public static Option<string?> OrtLibrary { get; } = new("--ort-library")
    {
        Description = $"Path of the ONNX Runtime shared library to load (a CUDA/TensorRT or DirectML build). Default: ${OrtLibraryVariable}, else the CPU build shipped beside flux.",
        Recursive = true,
    };

    /// <summary>The ORT library settings for a parse result: the option, else the environment variable, else the default.</summary>
    public static OrtLibrarySettings OrtSettings(System.CommandLine.ParseResult parse)
    {
        var path = parse.GetValue(OrtLibrary);
        if (string.IsNullOrWhiteSpace(path))
        {
            path = Environment.GetEnvironmentVariable(OrtLibraryVariable);
        }
        return string.IsNullOrWhiteSpace(path) ? new OrtLibrarySettings() : new OrtLibrarySettings(path);
    }
}
