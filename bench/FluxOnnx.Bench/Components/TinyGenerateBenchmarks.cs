using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using FluxOnnx.Converter.Conversion;
using FluxOnnx.Pipeline;

namespace FluxOnnx.Bench.Components;

/// <summary>
/// End-to-end generate on the tiny schnell package converted from the shared fixtures (hidden 128, 2 + 2 blocks):
/// 128×128, 4 steps, prompt cache off, so every call tokenizes, encodes, denoises and decodes. Measures the
/// pipeline's own overhead more than model maths. The package is converted in the setup and deleted after.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class TinyGenerateBenchmarks
{
    private string _folder = null!;
    private FluxPipeline _pipeline = null!;

    [GlobalSetup]
    public void Setup()
    {
        string shared = FindShared();
        string models = Path.Combine(shared, "fixtures", "models"), tokenizers = Path.Combine(shared, "tokenizers");
        _folder = Directory.CreateTempSubdirectory("fluxonnx-bench-tiny-").FullName;
        string package = Path.Combine(_folder, "package");
        PackageConverter.Convert(new ConvertRequest(
            Output: package,
            Transformer: Path.Combine(models, "flux-tiny-schnell", "flux.safetensors"),
            TransformerConfig: Path.Combine(models, "flux-tiny-schnell", "flux_params.json"),
            T5: Path.Combine(models, "t5"),
            Clip: Path.Combine(models, "clip"),
            Ae: Path.Combine(models, "ae.safetensors"),
            AeConfig: Path.Combine(models, "ae_params.json"),
            ClipTokenizer: Path.Combine(tokenizers, "clip"),
            T5Tokenizer: Path.Combine(tokenizers, "t5"),
            DefaultWidth: 128,
            DefaultHeight: 128));
        _pipeline = FluxPipeline.Open(package, new PipelineOptions { IntraOpThreads = 2, PromptCacheCapacity = 0 });
    }

    [Benchmark]
    public int Generate() => _pipeline.Generate(GenerateRequest.For("a photo of a forest", 42)).Count;

    [GlobalCleanup]
    public void Cleanup()
    {
        _pipeline.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>The shared folder (fixtures, tokenizers): the first ancestor of the program holding shared/fixtures.</summary>
    private static string FindShared()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(dir.FullName, "shared"), Path.Combine(dir.FullName, "..", "shared") })
            {
                if (Directory.Exists(Path.Combine(candidate, "fixtures", "models"))) return Path.GetFullPath(candidate);
            }
        }
        throw new DirectoryNotFoundException("no shared/fixtures/models above " + AppContext.BaseDirectory);
    }
}
