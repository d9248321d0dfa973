namespace FluxOnnx.Packaging;

/// <summary>
/// The <c>manifest.json</c> at the root of a FluxOnnx model package: everything the runtime needs to bind
/// the package's graphs by name, choose defaults, and verify that no file was altered since conversion.
/// The converter writes it; the runtime only reads it (STYLE habit 14: bind graph I/O by name from the manifest).
/// </summary>
/// <param name="FormatVersion">Package layout version; the runtime refuses versions it does not know.</param>
/// <param name="Producer">Tool and version that wrote the package, e.g. <c>FluxOnnx 0.1.0</c>.</param>
/// <param name="Family">Model family; <c>flux1</c> for every FLUX.1 variant.</param>
/// <param name="Variant">The FLUX.1 variant (written schnell, dev, fill, canny, depth, kontext or redux: <see cref="PackageNames"/>).</param>
/// <param name="Precision">Weight/compute precision of the graphs (written fp32, fp16, bf16, fp8, int8 or int4).</param>
/// <param name="Target">Execution target the graphs were optimized for (written cpu, cuda, directml or tensorrt).</param>
/// <param name="VerifiedProviders">Execution providers this precision has been verified to run on.</param>
/// <param name="Defaults">Sampling defaults for the variant.</param>
/// <param name="Latent">Latent space constants of the autoencoder.</param>
/// <param name="Text">Fixed text lengths the encoder graphs were built for.</param>
/// <param name="Components">Graphs in the package by role (<see cref="ComponentRoles"/>).</param>
/// <param name="Tokenizers">Tokenizer folders relative to the package root, by tokenizer kind (clip, t5).</param>
/// <param name="Sources">Checkpoint files the package was converted from.</param>
/// <param name="Files">SHA-256 (lower-case hex) of every file written into the package, by relative path with '/' separators.</param>
/// <param name="Lora">LoRA files fused at conversion and the run-time slot rank; null for a package with neither.</param>
/// <param name="Quantization">For int8 / int4 packages, how each quantized component's Linears compute, by role
/// (<see cref="LinearQuantization"/>); null for the other precisions.</param>
public sealed record PackageManifest(
    int FormatVersion,
    string Producer,
    string Family,
    Variant Variant,
    Precision Precision,
    Target Target,
    IReadOnlyList<string> VerifiedProviders,
    SamplingDefaults Defaults,
    LatentSpace Latent,
    TextLengths Text,
    IReadOnlyDictionary<string, ComponentManifest> Components,
    IReadOnlyDictionary<string, string> Tokenizers,
    IReadOnlyList<SourceFile> Sources,
    IReadOnlyDictionary<string, string> Files,
    // Left out when null, so a package without LoRAs keeps the exact manifest bytes it had before the field existed.
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    LoraManifest? Lora = null,
    // Left out when null, so a package that is not int8 / int4 keeps the exact manifest bytes it had before the field existed.
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyDictionary<string, LinearQuantization>? Quantization = null)
{
    /// <summary>The only package layout version this build reads and writes.</summary>
    public const int CurrentFormatVersion = 1;

    /// <summary>File name of the manifest inside a package folder.</summary>
    public const string FileName = "manifest.json";
}
