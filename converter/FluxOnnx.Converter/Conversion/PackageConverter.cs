using System.Reflection;
using System.Text.Json;
using FluxOnnx.Converter.Calibration;
using FluxOnnx.Converter.Checkpoints;
using FluxOnnx.Converter.Inspection;
using FluxOnnx.Converter.Lora;
using FluxOnnx.Lora;
using FluxOnnx.Graphs.Weights;
using FluxOnnx.Graphs.Writing;
using FluxOnnx.Packaging;

namespace FluxOnnx.Converter.Conversion;

/// <summary>
/// Turns checkpoints into a model package:
/// <code>
///   checkpoint ─► format detection ─► recipes (IWeightSource) ─► graph code ─► EnsureComplete
///        └──────────────────────────────────────────────► model.onnx + model.onnx.data (streamed)
///   tokenizer folders ─► copied;  everything hashed ─► manifest.json;  staging folder ─► renamed into place
/// </code>
/// Weights stream from the memory-mapped checkpoints into the external data files one tensor at a time, so
/// memory stays bounded by the largest tensor whatever the checkpoint size. Nothing is left behind on failure
/// or cancellation.
/// </summary>
public static class PackageConverter
{
    public static PackageManifest Convert(ConvertRequest request, IProgress<ConvertProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var output = Path.GetFullPath(request.Output);
        Validate(request, output);
        var staging = output.TrimEnd(Path.DirectorySeparatorChar) + ".tmp-" + Guid.NewGuid().ToString("N");
        var checkpoints = new Dictionary<string, Checkpoint>(StringComparer.Ordinal);
        var loras = LoraSet.Empty;
        try
        {
            Directory.CreateDirectory(staging);
            var policy = WeightPolicies.For(request.Precision, request.Quantization);
            var built = new List<BuiltComponent>();
            var components = new Dictionary<string, ComponentManifest>(StringComparer.Ordinal);
            string? variant = request.Variant;

            var transformer = OpenComponent(checkpoints, request.Transformer ?? request.Diffusers, ComponentKind.Transformer, required: request.Transformer is not null);
            var t5 = OpenComponent(checkpoints, request.T5 ?? request.Diffusers, ComponentKind.T5, required: request.T5 is not null);
            var clip = OpenComponent(checkpoints, request.Clip ?? request.Diffusers, ComponentKind.Clip, required: request.Clip is not null);
            loras = LoraSet.Open(request.Loras, LoraSet.TargetsOf(transformer, clip, t5), request.LoraAllowUnused);
            if (transformer is not null)
            {
                var weights = loras.Wrap(transformer, LoraComponent.Transformer);
                var transformerPolicy = NeedsCalibration(request)
                    ? policy with { ActivationCalibration = Calibrate(request, transformer, weights, staging, cancellationToken) }
                    : policy;
                transformerPolicy = LoraSlotTargets.WithSlots(transformerPolicy, request.LoraSlots);
                var component = ComponentGraphFactory.Transformer(transformer, request.TransformerConfig, request.Target, transformerPolicy, weights);
                var inChannels = weights.ShapeOf("img_in.weight")?[1] ?? 64;
                var guidance = weights.ShapeOf("guidance_in.in_layer.weight") is not null;
                variant ??= VariantDefaults.Detect(inChannels, guidance, Path.GetFileName(request.Transformer ?? request.Diffusers));
                Write(component, staging, components, progress, cancellationToken);
                built.Add(component);
            }
            variant ??= FluxVariants.Schnell;
            var textLength = request.TextLength ?? VariantDefaults.T5Length(variant);

            if (t5 is not null)
            {
                var component = ComponentGraphFactory.T5(t5, textLength, request.Target, policy, loras.Wrap(t5, LoraComponent.T5));
                Write(component, staging, components, progress, cancellationToken);
                built.Add(component);
            }
            if (clip is not null)
            {
                var component = ComponentGraphFactory.Clip(clip, request.Target, policy.WithoutQuantization(), loras.Wrap(clip, LoraComponent.Clip));
                Write(component, staging, components, progress, cancellationToken);
                built.Add(component);
            }
            var ae = OpenComponent(checkpoints, request.Ae ?? request.Diffusers, ComponentKind.Autoencoder, required: request.Ae is not null);
            var latent = new LatentSpace(16, 8, 0.3611, 0.1159);
            if (ae is not null)
            {
                var config = ComponentGraphFactory.AeConfig(ae, request.AeConfig);
                latent = new LatentSpace(config.ZChannels, config.DownsampleFactor, config.ScaleFactor, config.ShiftFactor);
                foreach (var component in new[]
                {
                    ComponentGraphFactory.VaeDecoder(ae, config, request.Target, policy.WithoutQuantization()),
                    ComponentGraphFactory.VaeEncoder(ae, config, request.Target, policy.WithoutQuantization()),
                })
                {
                    Write(component, staging, components, progress, cancellationToken);
                    built.Add(component);
                }
            }
            if (built.Count == 0)
            {
                throw new ConversionException("--transformer", "nothing to convert: give at least one of --transformer, --t5, --clip, --ae or --diffusers");
            }

            var tokenizers = TokenizerCopier.Copy(request, staging, progress);
            var sources = HashSources(built, request, progress, cancellationToken);
            var (steps, guidanceDefault, shift) = VariantDefaults.Sampling(variant);
            var files = HashWritten(staging, progress, cancellationToken);
            var manifest = new PackageManifest(
                PackageManifest.CurrentFormatVersion,
                "FluxOnnx " + (typeof(PackageConverter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "dev"),
                "flux1",
                variant,
                request.Precision,
                request.Target.ToString().ToLowerInvariant(),
                ["cpu"],
                new SamplingDefaults(steps, guidanceDefault, shift, request.DefaultWidth ?? 1024, request.DefaultHeight ?? 1024),
                latent,
                new TextLengths(77, textLength),
                components,
                tokenizers,
                sources,
                files,
                loras.Applied.Count == 0 && request.LoraSlots == 0 ? null : new LoraManifest(loras.Describe(cancellationToken), request.LoraSlots));
            PackageManifestJson.Write(manifest, Path.Combine(staging, PackageManifest.FileName));
            progress?.Report(new ConvertProgress("manifest", 1, 1));
            Publish(staging, output, request.Overwrite);
            return manifest;
        }
        catch
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
            throw;
        }
        finally
        {
            loras.Dispose();
            foreach (var checkpoint in checkpoints.Values)
            {
                checkpoint.Dispose();
            }
        }
    }

    /// <summary>fp8 for TensorRT quantizes activations statically, so it needs calibrated scales.</summary>
    private static bool NeedsCalibration(ConvertRequest request) =>
        request.Precision == "fp8" && request.Target == ConversionTarget.TensorRt;

    /// <summary>
    /// Converts the same request to an fp32 CPU package beside the staging folder, runs the calibration prompts
    /// through it and a record build of the transformer, and returns the amax table.
    /// </summary>
    private static ActivationCalibration Calibrate(ConvertRequest request, ComponentWeightSource transformer, IWeightSource weights, string staging,
        CancellationToken cancellationToken)
    {
        var fp32 = staging + "-calibration-fp32";
        try
        {
            Convert(request with { Output = fp32, Precision = "fp32", Target = ConversionTarget.Cpu, Overwrite = true, CalibrationPrompts = 0 },
                cancellationToken: cancellationToken);
            var record = ComponentGraphFactory.Transformer(transformer, request.TransformerConfig, ConversionTarget.Cpu,
                WeightPolicy.Float32 with { ActivationCalibration = ActivationCalibration.Record }, weights);
            return ActivationCalibration.FromAmax(ActivationCalibrator.Calibrate(record.Model, fp32, request.CalibrationPrompts, cancellationToken));
        }
        finally
        {
            if (Directory.Exists(fp32))
            {
                Directory.Delete(fp32, recursive: true);
            }
        }
    }

    private static void Validate(ConvertRequest request, string output)
    {
        if (NeedsCalibration(request) && request.CalibrationPrompts < 1)
        {
            throw new ConversionException("--calibration-prompts", "fp8 for tensorrt quantizes activations statically: give --calibration-prompts N (N ≥ 1) to record their scales");
        }
        if (!NeedsCalibration(request) && request.CalibrationPrompts != 0)
        {
            throw new ConversionException("--calibration-prompts", "only used with --precision fp8 --target tensorrt");
        }
        if (NeedsCalibration(request) && request.Transformer is null && request.Diffusers is null)
        {
            throw new ConversionException("--calibration-prompts", "calibration needs the transformer (--transformer or --diffusers)");
        }
        if (request.Transformer is null && request.T5 is null && request.Clip is null && request.Ae is null && request.Diffusers is null)
        {
            throw new ConversionException("--transformer", "nothing to convert: give at least one of --transformer, --t5, --clip, --ae or --diffusers");
        }
        if (Directory.Exists(output) && !request.Overwrite && Directory.EnumerateFileSystemEntries(output).Any())
        {
            throw new ConversionException("--output", $"{output} already exists and is not empty (pass --overwrite to replace it)");
        }
        if (File.Exists(output))
        {
            throw new ConversionException("--output", $"{output} is a file, not a folder");
        }
        if (request.TextLength is < 1 or > 4096)
        {
            throw new ConversionException("--text-length", $"must be between 1 and 4096, got {request.TextLength}");
        }
        if (request.LoraSlots is < 0 or > 4096)
        {
            throw new ConversionException("LoraSlots", $"the slot rank must be between 0 and 4096, got {request.LoraSlots}");
        }
        if (request.LoraSlots > 0 && request.Transformer is null && request.Diffusers is null)
        {
            throw new ConversionException("LoraSlots", "run-time LoRA slots need the transformer (Transformer or Diffusers)");
        }
        if (request.Variant is not null && !FluxVariants.All.Contains(request.Variant))
        {
            throw new ConversionException("--variant", $"unknown variant '{request.Variant}' (expected one of {string.Join(", ", FluxVariants.All)})");
        }
    }

    private static ComponentWeightSource? OpenComponent(Dictionary<string, Checkpoint> open, string? path, ComponentKind kind, bool required)
    {
        if (path is null)
        {
            return null;
        }
        var full = Path.GetFullPath(path);
        if (!open.TryGetValue(full, out var checkpoint))
        {
            checkpoint = Checkpoint.Open(full);
            open[full] = checkpoint;
        }
        if (!required && checkpoint.Layout.Find(kind) is null)
        {
            return null; // a --diffusers folder without this component
        }
        return checkpoint.OpenComponent(kind);
    }

    private static void Write(BuiltComponent component, string staging, Dictionary<string, ComponentManifest> components,
        IProgress<ConvertProgress>? progress, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(staging, component.Role);
        Directory.CreateDirectory(folder);
        var modelPath = Path.Combine(folder, "model.onnx");
        var writeProgress = progress is null ? null : new MappedProgress<ModelWriteProgress, ConvertProgress>(progress, p => new ConvertProgress(component.Role, p.BytesWritten, p.TotalBytes));
        var result = new OnnxModelWriter().Write(component.Model, modelPath, writeProgress, cancellationToken);
        var report = OnnxModelInspector.Summarize(modelPath, component.Model.Proto);
        var config = JsonSerializer.SerializeToElement(component.Config, component.Config.GetType(), PackageManifestJson.Options)
            .EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
        components[component.Role] = new ComponentManifest(
            component.Role + "/model.onnx",
            result.DataPath is null ? null : component.Role + "/" + Path.GetFileName(result.DataPath),
            report.IrVersion,
            report.Opsets,
            report.Inputs,
            report.Outputs,
            config);
    }

    private static List<SourceFile> HashSources(IEnumerable<BuiltComponent> built, ConvertRequest request, IProgress<ConvertProgress>? progress, CancellationToken cancellationToken)
    {
        var sources = new List<SourceFile>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var component in built)
        {
            var location = component.Source.Location;
            var files = location.TensorsPath.EndsWith(".index.json", StringComparison.Ordinal)
                ? ShardFiles(location.TensorsPath)
                : [location.TensorsPath];
            foreach (var file in files.Where(seen.Add))
            {
                var length = new FileInfo(file).Length;
                var hash = FileHashing.Sha256Hex(file, cancellationToken,
                    progress is null ? null : new MappedProgress<long, ConvertProgress>(progress, done => new ConvertProgress("hashing " + Path.GetFileName(file), done, length)));
                sources.Add(new SourceFile(RoleName(location.Kind), Path.GetFileName(file), length, hash, component.Source.FormatName));
            }
        }
        return sources;
    }

    private static IEnumerable<string> ShardFiles(string indexPath)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(indexPath));
        var folder = Path.GetDirectoryName(indexPath)!;
        yield return indexPath;
        foreach (var shard in doc.RootElement.GetProperty("weight_map").EnumerateObject().Select(p => p.Value.GetString()!).Distinct().Order(StringComparer.Ordinal))
        {
            yield return Path.Combine(folder, shard);
        }
    }

    private static string RoleName(ComponentKind kind) => kind switch
    {
        ComponentKind.Transformer => "transformer",
        ComponentKind.T5 => "t5",
        ComponentKind.Clip => "clip",
        _ => "ae",
    };

    private static SortedDictionary<string, string> HashWritten(string staging, IProgress<ConvertProgress>? progress, CancellationToken cancellationToken)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var all = Directory.EnumerateFiles(staging, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
        for (var i = 0; i < all.Length; i++)
        {
            var relative = Path.GetRelativePath(staging, all[i]).Replace(Path.DirectorySeparatorChar, '/');
            files[relative] = FileHashing.Sha256Hex(all[i], cancellationToken);
            progress?.Report(new ConvertProgress("hashing package", i + 1, all.Length));
        }
        return files;
    }

    private static void Publish(string staging, string output, bool overwrite)
    {
        if (Directory.Exists(output))
        {
            if (!overwrite && Directory.EnumerateFileSystemEntries(output).Any())
            {
                throw new ConversionException("--output", $"{output} appeared during conversion; not replacing it");
            }
            Directory.Delete(output, recursive: true);
        }
        var parent = Path.GetDirectoryName(output);
        if (parent is not null)
        {
            Directory.CreateDirectory(parent);
        }
        Directory.Move(staging, output);
    }
}
