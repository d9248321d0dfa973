using FluxOnnx.TestSupport;

namespace FluxOnnx.Cli.Tests.Lora;

/// <summary>
/// Packages of the tiny fixture models made by <c>flux convert</c> once per test class: one with run-time LoRA slots
/// of rank 8, one with a rank-4 kohya LoRA fused at strength 0.8 (no slots), and that LoRA file.
/// </summary>
public sealed class LoraPackagesFixture : IDisposable
{
    public const int SlotRank = 8;
    public const double Strength = 0.8;

    public LoraPackagesFixture()
    {
        Root = Directory.CreateTempSubdirectory("flux-cli-lora-").FullName;
        Lora = KohyaLoraWriter.Write(Path.Combine(Root, "style.safetensors"), rank: 4, seed: 11);
        Slots = Convert("slots", "--lora-slots", SlotRank.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Fused = Convert("fused", "--lora", Lora + ":0.8");
    }

    public string Root { get; }

    public string Lora { get; }

    public string Slots { get; }

    public string Fused { get; }

    /// <summary>The arguments of a full conversion of the fixture models (schnell transformer, T5, CLIP, ae, tokenizers).</summary>
    public static string[] ConvertArguments(string output) =>
    [
        "convert",
        "--transformer", Path.Combine(SharedPaths.Models, "flux-tiny-schnell", "flux.safetensors"),
        "--transformer-config", Path.Combine(SharedPaths.Models, "flux-tiny-schnell", "flux_params.json"),
        "--t5", Path.Combine(SharedPaths.Models, "t5"), "--clip", Path.Combine(SharedPaths.Models, "clip"),
        "--ae", Path.Combine(SharedPaths.Models, "ae.safetensors"), "--ae-config", Path.Combine(SharedPaths.Models, "ae_params.json"),
        "--clip-tokenizer", Path.Combine(SharedPaths.Tokenizers, "clip"), "--t5-tokenizer", Path.Combine(SharedPaths.Tokenizers, "t5"),
        "--output", output,
    ];

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private string Convert(string name, params string[] extra)
    {
        var output = Path.Combine(Root, name);
        var (exit, _, stderr) = CliRunner.RunAsync([.. ConvertArguments(output), .. extra]).GetAwaiter().GetResult();
        if (exit != 0)
        {
            throw new InvalidOperationException($"flux convert {name} failed ({exit}): {stderr}");
        }
        return output;
    }
}
