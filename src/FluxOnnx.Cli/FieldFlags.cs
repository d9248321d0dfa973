using FluxOnnx.Tools.Benchmarking;
using FluxOnnx.Tools.Comparison;
using FluxOnnx.Converter.Conversion;
using FluxOnnx.Tools.Downloads;
using FluxOnnx.Pipeline;

namespace FluxOnnx.Cli;

/// <summary>
/// The one place that knows which flag sets which request field, so an error the library raises about
/// <c>GenerateRequest.Steps</c> reaches the user as <c>--steps</c>. A field without a flag keeps its camelCase
/// name. Every key must name a real member of its record (a test checks it).
/// </summary>
public static class FieldFlags
{
    private static readonly Dictionary<RequestField, string> Flags = new()
    {
        [Generate(nameof(GenerateRequest.Prompts))] = "--prompt",
        [Generate(nameof(GenerateRequest.Seeds))] = "--seed",
        [Generate(nameof(GenerateRequest.Width))] = "--width",
        [Generate(nameof(GenerateRequest.Height))] = "--height",
        [Generate(nameof(GenerateRequest.Steps))] = "--steps",
        [Generate(nameof(GenerateRequest.Guidance))] = "--guidance",
        [Generate(nameof(GenerateRequest.Batch))] = "--batch",
        [Generate(nameof(GenerateRequest.Image))] = "--image",
        [Generate(nameof(GenerateRequest.Strength))] = "--strength",
        [Generate(nameof(GenerateRequest.Mask))] = "--mask",
        [Generate(nameof(GenerateRequest.Outpaint))] = "--outpaint",
        [Generate(nameof(GenerateRequest.Control))] = "--control",
        [Generate(nameof(GenerateRequest.ControlFrom))] = "--control-from",
        [Generate(nameof(GenerateRequest.ControlKind))] = "--control-kind",
        [Generate(nameof(GenerateRequest.KeepReferenceSize))] = "--keep-reference-size",
        [Generate(nameof(GenerateRequest.Loras))] = "--lora",
        [Generate(nameof(GenerateRequest.LoraFit))] = "--lora-fit",

        [Convert(nameof(ConvertRequest.Output))] = "--output",
        [Convert(nameof(ConvertRequest.Transformer))] = "--transformer",
        [Convert(nameof(ConvertRequest.TransformerConfig))] = "--transformer-config",
        [Convert(nameof(ConvertRequest.T5))] = "--t5",
        [Convert(nameof(ConvertRequest.Clip))] = "--clip",
        [Convert(nameof(ConvertRequest.Ae))] = "--ae",
        [Convert(nameof(ConvertRequest.AeConfig))] = "--ae-config",
        [Convert(nameof(ConvertRequest.ClipTokenizer))] = "--clip-tokenizer",
        [Convert(nameof(ConvertRequest.T5Tokenizer))] = "--t5-tokenizer",
        [Convert(nameof(ConvertRequest.Diffusers))] = "--diffusers",
        [Convert(nameof(ConvertRequest.Target))] = "--target",
        [Convert(nameof(ConvertRequest.Precision))] = "--precision",
        [Convert(nameof(ConvertRequest.TextLength))] = "--text-length",
        [Convert(nameof(ConvertRequest.Variant))] = "--variant",
        [Convert(nameof(ConvertRequest.Overwrite))] = "--overwrite",
        [Convert(nameof(ConvertRequest.CalibrationTable))] = "--calibration-table",
        [Convert(nameof(ConvertRequest.Loras))] = "--lora",
        [Convert(nameof(ConvertRequest.LoraAllowUnused))] = "--lora-allow-unused",
        [Convert(nameof(ConvertRequest.LoraSlots))] = "--lora-slots",
        [Convert(nameof(ConvertRequest.Quantization) + "." + nameof(QuantizationOptions.BlockSize))] = "--block-size",
        [Convert(nameof(ConvertRequest.Quantization) + "." + nameof(QuantizationOptions.Symmetric))] = "--zero-points",
        [Convert(nameof(ConvertRequest.Quantization) + "." + nameof(QuantizationOptions.AccuracyLevel))] = "--accuracy-level",
        [Convert(nameof(ConvertRequest.Quantization) + "." + nameof(QuantizationOptions.Int8Form))] = "--int8-form",

        [Bench(nameof(BenchmarkRequest.Package))] = "--package",
        [Bench(nameof(BenchmarkRequest.Provider))] = "--provider",
        [Bench(nameof(BenchmarkRequest.Runs))] = "--runs",
        [Bench(nameof(BenchmarkRequest.Width))] = "--width",
        [Bench(nameof(BenchmarkRequest.Height))] = "--height",
        [Bench(nameof(BenchmarkRequest.Steps))] = "--steps",
        [Bench(nameof(BenchmarkRequest.JsonPath))] = "--json",
        [Bench(nameof(BenchmarkRequest.MarkdownPath))] = "--markdown",
        [Bench(nameof(BenchmarkRequest.IntraOpThreads))] = "--threads",

        [Compare(nameof(CompareRequest.InputsPath))] = "--inputs",
        [Compare(nameof(CompareRequest.Prompts))] = "--prompts",
        [Compare(nameof(CompareRequest.FirstSeed))] = "--seed",
        [Compare(nameof(CompareRequest.Width))] = "--width",
        [Compare(nameof(CompareRequest.Height))] = "--height",
        [Compare(nameof(CompareRequest.Steps))] = "--steps",
        [Compare(nameof(CompareRequest.Provider))] = "--provider",
        [Compare(nameof(CompareRequest.IntraOpThreads))] = "--threads",

        [Download(nameof(DownloadOptions.BaseUri))] = "--endpoint",
        [Download(nameof(DownloadOptions.Token))] = "--token",
    };

    /// <summary>Every mapped field, for the test that checks each names a real member.</summary>
    public static IReadOnlyCollection<RequestField> Fields => Flags.Keys;

    /// <summary>The flag that sets <paramref name="field"/>, or the field's camelCase name when no flag does.</summary>
    public static string Spell(RequestField field) => Flags.TryGetValue(field, out var flag) ? flag : field.Name;

    private static RequestField Generate(string member) => RequestField.Of<GenerateRequest>(member);

    private static RequestField Convert(string member) => RequestField.Of<ConvertRequest>(member);

    private static RequestField Bench(string member) => RequestField.Of<BenchmarkRequest>(member);

    private static RequestField Compare(string member) => RequestField.Of<CompareRequest>(member);

    private static RequestField Download(string member) => RequestField.Of<DownloadOptions>(member);
}
