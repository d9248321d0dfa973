using FluxOnnx.Tools.Conversion;
using System.CommandLine;
using System.Globalization;
using FluxOnnx.Cli.Rendering;
using FluxOnnx.Converter.Conversion;
using FluxOnnx.Tools.Models;

namespace FluxOnnx.Cli.Commands;

/// <summary><c>flux convert</c>: checkpoints in, a model package out. Options map one to one onto <see cref="ConvertRequest"/>.</summary>
public static class ConvertCommand
{
    public static Command Create()
    {
        var transformer = new Option<string?>("--transformer") { Description = "FLUX transformer: BFL or ComfyUI .safetensors file, or a diffusers transformer folder." };
        var transformerConfig = new Option<string?>("--transformer-config") { Description = "BFL-style params JSON (flux_params.json) when the checkpoint's shapes plus a preset are not enough." };
        var t5 = new Option<string?>("--t5") { Description = "T5 encoder: HF T5EncoderModel folder, diffusers text_encoder_2, or ComfyUI t5xxl file." };
        var clip = new Option<string?>("--clip") { Description = "CLIP-L text encoder: HF CLIPTextModel folder, diffusers text_encoder, or ComfyUI clip_l file." };
        var ae = new Option<string?>("--ae") { Description = "Autoencoder: BFL ae.safetensors or a diffusers vae folder." };
        var aeConfig = new Option<string?>("--ae-config") { Description = "BFL-style autoencoder params JSON." };
        var clipTokenizer = new Option<string?>("--clip-tokenizer") { Description = "Folder with CLIP's vocab.json and merges.txt." };
        var t5Tokenizer = new Option<string?>("--t5-tokenizer") { Description = "Folder with T5's spiece.model." };
        var diffusers = new Option<string?>("--diffusers") { Description = "A whole diffusers model folder (model_index.json); fills in every component not given." };
        var target = NamedValueOptions.OneOf<Target>("--target", "Execution target the graphs are optimized for (default: cpu).",
            PackageNames.Targets, PackageNames.TryParse);
        var precision = NamedValueOptions.OneOf<Precision>("--precision", "Weight precision; the embedders and final layer always stay float (default: fp32).",
            PackageNames.Precisions, PackageNames.TryParse);
        var blockSize = new Option<int>("--block-size") { Description = "int8/int4: weights per quantization block (32, 64 or 128).", DefaultValueFactory = _ => 32 };
        blockSize.AcceptOnlyFromAmong("32", "64", "128");
        var zeroPoints = new Option<bool>("--zero-points") { Description = "int8/int4: asymmetric blocks with stored zero points (default: symmetric)." };
        var accuracyLevel = new Option<int>("--accuracy-level") { Description = "int8/int4: MatMulNBits accuracy_level (4 = int8 compute on CPU, 0 = float).", DefaultValueFactory = _ => 4 };
        var int8Form = NamedValueOptions.OneOf<Int8Form>("--int8-form",
            "int8: the transformer's Linears as MatMulNBits blocks (nbits) or dynamic int8, activations quantized at run time (dynamic); T5 keeps nbits (default: dynamic for --target cpu, nbits for the others).",
            Int8FormNames.All, Int8FormNames.TryParse);
        var calibrationTable = new Option<string?>("--calibration-table") { Description = "fp8 + tensorrt (required there): the table flux calibrate wrote from an fp32 package of the same checkpoints." };
        var textLength = new Option<int?>("--text-length") { Description = "T5 token count (default: 256 schnell, 128 fill, 512 others)." };
        var variant = NamedValueOptions.OneOf<Variant>("--variant", "The variant, when the weights cannot tell (canny / depth, dev / kontext / redux).",
            PackageNames.Variants, PackageNames.TryParse);
        var output = new Option<string>("--output") { Description = "Package folder to create.", Required = true };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace an existing package folder." };
        var lockModel = new Option<string?>("--check-lock") { Description = "Check the given transformer/ae files against this models.lock.json entry first (e.g. flux1-schnell)." };
        var lora = new Option<string[]>("--lora") { Description = "LoRA .safetensors to fuse into the weights, FILE[:STRENGTH] (default strength 1); repeat for several (kohya, diffusers/PEFT, XLabs, BFL/ComfyUI, BFL control)." };
        var loraAllowUnused = new Option<bool>("--lora-allow-unused") { Description = "Skip LoRA keys that match nothing in the model (listed in the manifest) instead of stopping." };
        var loraSlots = new Option<int?>("--lora-slots") { Description = "Give each transformer block Linear a run-time LoRA slot of this rank, for flux generate --lora without re-converting." };
        var command = new Command("convert", "Convert FLUX.1 checkpoints into an ONNX model package.")
        {
            transformer, transformerConfig, t5, clip, ae, aeConfig, clipTokenizer, t5Tokenizer, diffusers, target, precision, textLength, variant, output, overwrite, lockModel,
            blockSize, zeroPoints, accuracyLevel, int8Form, calibrationTable, lora, loraAllowUnused, loraSlots,
        };
        command.SetAction((parse, ct) =>
        {
            var loras = LoraOptionParser.Parse(parse.GetValue(lora));
            if (parse.GetValue(loraSlots) is <= 0 and var rank)
            {
                throw new CliUsageException("--lora-slots", $"--lora-slots: expected a rank of at least 1, got {rank}");
            }
            var request = new ConvertRequest(
                Output: parse.GetRequiredValue(output),
                Transformer: parse.GetValue(transformer),
                TransformerConfig: parse.GetValue(transformerConfig),
                T5: parse.GetValue(t5),
                Clip: parse.GetValue(clip),
                Ae: parse.GetValue(ae),
                AeConfig: parse.GetValue(aeConfig),
                ClipTokenizer: parse.GetValue(clipTokenizer),
                T5Tokenizer: parse.GetValue(t5Tokenizer),
                Diffusers: parse.GetValue(diffusers),
                Target: parse.GetValue(target) ?? Target.Cpu,
                Precision: parse.GetValue(precision) ?? Precision.Fp32,
                TextLength: parse.GetValue(textLength),
                Variant: parse.GetValue(variant),
                Overwrite: parse.GetValue(overwrite),
                CalibrationTable: parse.GetValue(calibrationTable),
                Loras: loras.Count == 0 ? null : loras,
                LoraAllowUnused: parse.GetValue(loraAllowUnused),
                LoraSlots: parse.GetValue(loraSlots) ?? 0)
            {
                Quantization = new QuantizationOptions(parse.GetValue(blockSize), !parse.GetValue(zeroPoints), parse.GetValue(accuracyLevel))
                {
                    Int8Form = parse.GetValue(int8Form),
                },
                TokenizerCheck = RuntimeTokenizerCheck.Instance,
            };
            var stdout = parse.InvocationConfiguration.Output;
            if (parse.GetValue(lockModel) is { } name)
            {
                LockCheck.Run(name, request, stdout, ct);
            }
            var manifest = new StageProgress(parse.InvocationConfiguration.Error).Run(report =>
                PackageConverter.Convert(request, new Reporter<ConvertProgress>(p => report(p.Stage, p.Done, p.Total)), ct));
            stdout.WriteLine($"wrote {Path.GetFullPath(request.Output)}: flux1 {manifest.Variant.Name()}, {manifest.Precision.Name()}, target {manifest.Target.Name()}, components {string.Join(", ", manifest.Components.Keys)}");
            foreach (var fused in manifest.Lora?.Fused ?? [])
            {
                var skipped = fused.SkippedKeys.Count == 0 ? "" : $", {fused.SkippedKeys.Count} unmatched key(s) skipped";
                stdout.WriteLine($"fused LoRA {fused.Name} ({fused.Format}, strength {fused.Strength.ToString(CultureInfo.InvariantCulture)}, sha256 {fused.Sha256}{skipped})");
            }
            if (manifest.Lora is { SlotRank: > 0 } withSlots)
            {
                stdout.WriteLine($"run-time LoRA slots of rank {withSlots.SlotRank} on the transformer's block Linears");
            }
            return Task.FromResult(0);
        });
        return command;
    }
}
