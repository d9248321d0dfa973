using System.Text.Json;
using FluxOnnx.Packaging;

namespace FluxOnnx.Package.Tests;

/// <summary>
/// One small but complete manifest (every member set, one component with a config) and its JSON written out by hand,
/// so a change to the manifest's bytes — member names, order, number formatting, enum spellings — fails a test.
/// </summary>
internal static class KnownManifest
{
    public static PackageManifest Create() => new(
        FormatVersion: 1,
        Producer: "FluxOnnx 0.1.0",
        Family: "flux1",
        Variant: Variant.Schnell,
        Precision: Precision.Fp16,
        Target: Target.Cuda,
        VerifiedProviders: ["cuda", "cpu"],
        Defaults: new SamplingDefaults(Steps: 4, Guidance: null, Shift: false, Width: 1024, Height: 768),
        Latent: new LatentSpace(Channels: 16, Downsample: 8, ScaleFactor: 0.3611, ShiftFactor: 0.1159),
        Text: new TextLengths(Clip: 77, T5: 256),
        Components: new Dictionary<string, ComponentManifest>
        {
            ["transformer"] = new(
                Path: "transformer/model.onnx",
                Data: "transformer/model.onnx.data",
                IrVersion: 10,
                Opsets: new Dictionary<string, long> { [""] = 21, ["com.microsoft"] = 1 },
                Inputs: [new TensorSignature("hidden_states", ElementType.Float, ["batch", "img_tokens", "64"])],
                Outputs: [new TensorSignature("sample", ElementType.Float, ["batch", "img_tokens", "64"])],
                Config: new Dictionary<string, JsonElement>
                {
                    ["hidden_size"] = JsonDocument.Parse("3072").RootElement,
                    ["guidance_embed"] = JsonDocument.Parse("false").RootElement,
                }),
        },
        Tokenizers: new Dictionary<string, string> { ["clip"] = "tokenizer", ["t5"] = "tokenizer_2" },
        Sources: [new SourceFile("transformer", "flux1-schnell.safetensors", 23782506688, "ab12", "bfl")],
        Files: new Dictionary<string, string> { ["transformer/model.onnx"] = "cd34" });

    /// <summary>The exact text <see cref="PackageManifestJson.Serialize"/> writes for <see cref="Create"/>.</summary>
    public const string Json = """
        {
          "format_version": 1,
          "producer": "FluxOnnx 0.1.0",
          "family": "flux1",
          "variant": "schnell",
          "precision": "fp16",
          "target": "cuda",
          "verified_providers": [
            "cuda",
            "cpu"
          ],
          "defaults": {
            "steps": 4,
            "guidance": null,
            "shift": false,
            "width": 1024,
            "height": 768
          },
          "latent": {
            "channels": 16,
            "downsample": 8,
            "scale_factor": 0.3611,
            "shift_factor": 0.1159
          },
          "text": {
            "clip": 77,
            "t5": 256
          },
          "components": {
            "transformer": {
              "path": "transformer/model.onnx",
              "data": "transformer/model.onnx.data",
              "ir_version": 10,
              "opsets": {
                "": 21,
                "com.microsoft": 1
              },
              "inputs": [
                {
                  "name": "hidden_states",
                  "element_type": "float32",
                  "shape": [
                    "batch",
                    "img_tokens",
                    "64"
                  ]
                }
              ],
              "outputs": [
                {
                  "name": "sample",
                  "element_type": "float32",
                  "shape": [
                    "batch",
                    "img_tokens",
                    "64"
                  ]
                }
              ],
              "config": {
                "hidden_size": 3072,
                "guidance_embed": false
              }
            }
          },
          "tokenizers": {
            "clip": "tokenizer",
            "t5": "tokenizer_2"
          },
          "sources": [
            {
              "role": "transformer",
              "name": "flux1-schnell.safetensors",
              "bytes": 23782506688,
              "sha256": "ab12",
              "format": "bfl"
            }
          ],
          "files": {
            "transformer/model.onnx": "cd34"
          }
        }
        """;
}
