using FluxOnnx.Runtime.Providers;

namespace FluxOnnx.Tools.Benchmarking;

/// <summary>
/// What <c>flux bench</c> asks for, one member per option of the verb. Members left null take the package
/// manifest's defaults (like <see cref="Pipeline.GenerateRequest"/>).
/// </summary>
/// <param name="Package">Package folder. Null stands for the built-in model, which the caller resolves to a folder
/// before calling <see cref="BenchmarkRunner.Run"/> (the library never downloads or guesses paths); <see cref="BenchmarkRunner.Run"/>
/// refuses null.</param>
/// <param name="Provider">Execution provider for every session and for the GEMM probe; null = CPU.</param>
/// <param name="Runs">Measured runs after the one warm-up run, at least 1.</param>
/// <param name="Width">Image width, a positive multiple of 2 × the package's downsample (16 for FLUX.1); null = manifest default.</param>
/// <param name="Height">Image height, a positive multiple of 2 × the package's downsample (16 for FLUX.1); null = manifest default.</param>
/// <param name="Steps">Denoising steps, at least 1; null = manifest default.</param>
/// <param name="JsonPath">Where to write the JSON report (temp file + rename); null = none.</param>
/// <param name="MarkdownPath">Where to write the markdown report with its inline SVG chart; null = none.</param>
public sealed record BenchmarkRequest(
    string? Package,
    ExecutionProviderRequest? Provider = null,
    int Runs = 3,
    int? Width = null,
    int? Height = null,
    int? Steps = null,
    string? JsonPath = null,
    string? MarkdownPath = null)
{
    /// <summary>The prompt of every run. The prompt cache is off, so every run encodes it.</summary>
    public string Prompt { get; init; } = "a photo of a forest with mist swirling around the tree trunks";

    public ulong Seed { get; init; } = 42;

    /// <summary>ORT intra-op threads for the pipeline and the GEMM probe alike; 0 lets ORT choose.</summary>
    public int IntraOpThreads { get; init; }

}
