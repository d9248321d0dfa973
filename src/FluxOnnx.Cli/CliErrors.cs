using FluxOnnx.Converter.Checkpoints;
using FluxOnnx.Converter.Conversion;
using FluxOnnx.Tools.Debugging;
using FluxOnnx.Tools.Downloads;
using FluxOnnx.Tools.Models;
using FluxOnnx.Graphs.Models.Flux;
using FluxOnnx.Graphs.Models.TextEncoders;
using FluxOnnx.Tools.Inspection;
using FluxOnnx.Converter.Safetensors;
using FluxOnnx.Graphs.Weights;
using FluxOnnx.Imaging;
using FluxOnnx.Runtime;
using FluxOnnx.Runtime.Providers;
using FluxOnnx.Packaging;
using FluxOnnx.Tokenizers;

namespace FluxOnnx.Cli;

/// <summary>
/// Which exceptions are the user's to act on (bad input, missing files, unavailable providers): those print one
/// line and exit 2. Anything else is a bug and keeps its stack trace.
/// </summary>
public static class CliErrors
{
    public static bool IsUserFacing(Exception e) => e is
        SafetensorsFormatException or SafetensorsAccessException or InspectionException or PackageException
        or CheckpointException or WeightMismatchException or ImageFormatException
        or Microsoft.ML.OnnxRuntime.OnnxRuntimeException or TensorSizeMismatchException
        or ExecutionProviderUnavailableException or UnknownExecutionProviderException
        or TokenizerFileException or FileNotFoundException or ConversionException or ComponentInputException
        or ModelLockException or ModelFileMismatchException or ModelDownloadException or InvalidFluxConfigException
        or TextEncoderConfigException or System.Text.Json.JsonException or FluxOnnx.Tools.Benchmarking.InvalidBenchmarkRequestException
        or FluxOnnx.Pipeline.UnverifiedProviderException or DirectoryNotFoundException
        or FluxOnnxException
        or ArgumentException or OperationCanceledException or UnauthorizedAccessException;

    public static string Describe(Exception e) => e switch
    {
        OperationCanceledException => "cancelled",
        FileNotFoundException f when f.FileName is not null && !f.Message.Contains(f.FileName, StringComparison.Ordinal) => $"{f.FileName}: {f.Message}",
        _ => e.Message.ReplaceLineEndings(" "),
    };

    public static int ExitCode(Exception e) => e is OperationCanceledException ? 130 : 2;
}
