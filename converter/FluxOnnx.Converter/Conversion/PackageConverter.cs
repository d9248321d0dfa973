using System.Reflection;
using System.Text.Json;
using FluxOnnx.Converter.Calibration;
using FluxOnnx.Converter.Checkpoints;
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
            var policy = WeightPolicies.For(request.Precision, request.Quantization, request.Target);
            var calibration = request.CalibrationTable is null ? null : CalibrationTableJson.Read(request.CalibrationTable);
            var built = new List<BuiltComponent>();
            var components = new Dictionary<string, ComponentManifest>(StringComparer.Ordinal);
            var quantization = new Dictionary<string, LinearQuantization>(StringComparer.Ordinal);
            Variant? variant = request.Variant;

            var transformer = OpenComponent(checkpoints, request.Transformer ?? request.Diffusers, ComponentKind.Transformer, required: request.Transformer is not null);
            var t5 = OpenComponent(checkpoints, request.T5 ?? request.Diffusers, ComponentKind.T5, required: request.T5 is not null);
            var clip = OpenComponent(checkpoints, request.Clip ?? request.Diffusers, ComponentKind.Clip, required: request.Clip is not null);
            loras = LoraSet.Open(request.Loras, LoraSet.TargetsOf(transformer, clip, t5), request.LoraAllowUnused);
            if (transformer is not null)
            {
                // Before any graph is built: an ambiguous variant fails fast.
                var weights = loras.Wrap(transformer, LoraComponent.Transformer);
                var inChannels = weights.ShapeOf("img_in.weight")?[1] ?? 64;
                var guidance = weights.ShapeOf("guidance_in.in_layer.weight") is not null;
                variant ??= VariantDefaults.Detect(inChannels, guidance, DiffusersPipelineClass.Read(request.Transformer ?? request.Diffusers));
                var transformerPolicy = calibration is null ? policy : Calibrated(request, calibration, transformer, policy);
                transformerPolicy = LoraSlotTargets.WithSlots(transformerPolicy, request.LoraSlots);
                var component = ComponentGraphFactory.Transformer(transformer, request.TransformerConfig, request.Target, transformerPolicy, weights);
                Write(component, staging, components, progress, cancellationToken);
                built.Add(component);
                if (ManifestQuantization.Of(transformerPolicy) is { } form) quantization[component.Role] = form;
            }
            var resolved = variant ?? Variant.Schnell;
            var textLength = request.TextLength ?? VariantDefaults.T5Length(resolved);

            if (t5 is not null)
            {
                var t5Policy = WeightPolicies.ForT5(policy);
                var component = ComponentGraphFactory.T5(t5, textLength, request.Target, t5Policy, loras.Wrap(t5, LoraComponent.T5));
                Write(component, staging, components, progress, cancellationToken);
                built.Add(component);
                if (ManifestQuantization.Of(t5Policy) is { } form) quantization[component.Role] = form;
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
                throw NothingToConvert();
            }

            var tokenizers = TokenizerCopier.Copy(request, staging, progress);
            var sources = HashSources(built, request, progress, cancellationToken);
            CheckCalibrationSource(request, calibration, sources);
            var (steps, guidanceDefault, shift) = VariantDefaults.Sampling(resolved);
            var files = HashWritten(staging, progress, cancellationToken);
            var manifest = new PackageManifest(
                PackageManifest.CurrentFormatVersion,
                "FluxOnnx " + (typeof(PackageConverter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "dev"),
                "flux1",
                resolved,
                request.Precision,
                request.Target,
                ["cpu"],
                new SamplingDefaults(steps, guidanceDefault, shift, request.DefaultWidth ?? 1024, request.DefaultHeight ?? 1024),
                latent,
                new TextLengths(77, textLength),
                components,
                tokenizers,
                sources,
                files,
                loras.Applied.Count == 0 && request.LoraSlots == 0 ? null : new LoraManifest(loras.Describe(cancellationToken), request.LoraSlots),
                quantization.Count == 0 ? null : quantization);
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
        request.Precision == Precision.Fp8 && request.Target == Target.TensorRt;

    /// <summary>
    /// The transformer's policy with the calibration table's activation ranges, once the table matches the graph
    /// (built first without activation quantization to see which Linears it quantizes).
    /// </summary>
    private static WeightPolicy Calibrated(ConvertRequest request, CalibrationTable table, ComponentWeightSource transformer, WeightPolicy policy)
    {
        var plain = ComponentGraphFactory.Transformer(transformer, request.TransformerConfig, request.Target, policy);
        var amax = CalibrationTableMatch.AmaxFor(table, request.CalibrationTable!, plain.Model.Proto.Graph);
        return policy with { ActivationCalibration = ActivationCalibration.FromAmax(amax) };
    }

    /// <summary>A table names the transformer checkpoint it was recorded from; converting another one is refused.</summary>
    private static void CheckCalibrationSource(ConvertRequest request, CalibrationTable? table, IEnumerable<SourceFile> sources)
    {
        if (table?.TransformerSourceSha256 is not { } expected)
        {
            return;
        }
        var actual = sources.First(s => s.Role == "transformer").Sha256;
        if (!string.Equals(expected, actual, StringComparison.OrdinalIgnoreCase))
        {
            throw new CalibrationSourceMismatchException(request.CalibrationTable!, expected, actual);
        }
    }

    private static void Validate(ConvertRequest request, string output)
    {
        if (NeedsCalibration(request) && request.CalibrationTable is null)
        {
            throw new ConversionException(nameof(ConvertRequest.CalibrationTable),
                "a calibration table with precision fp8 and target tensorrt (written by calibrate from an fp32 package of the same checkpoint; static activation quantization needs its scales)",
                "none");
        }
        if (!NeedsCalibration(request) && request.CalibrationTable is not null)
        {
            throw new ConversionException(nameof(ConvertRequest.CalibrationTable), "no calibration table unless precision is fp8 and target tensorrt",
                $"{request.CalibrationTable}");
        }
        if (NeedsCalibration(request) && request.Transformer is null && request.Diffusers is null)
        {
            throw new ConversionException(nameof(ConvertRequest.Transformer), "a transformer (or a diffusers folder) the calibration table is for", "null");
        }
        if (request.Transformer is null && request.T5 is null && request.Clip is null && request.Ae is null && request.Diffusers is null)
        {
            throw NothingToConvert();
        }
        if (Directory.Exists(output) && !request.Overwrite && Directory.EnumerateFileSystemEntries(output).Any())
        {
            throw new ConversionException(nameof(ConvertRequest.Output), "a missing or empty folder (or overwrite)", $"{output}, a folder that is not empty");
        }
        if (File.Exists(output))
        {
            throw new ConversionException(nameof(ConvertRequest.Output), "a folder path", $"{output}, a file");
        }
        if (request.TextLength is < 1 or > 4096)
        {
            throw new ConversionException(nameof(ConvertRequest.TextLength), "between 1 and 4096", Format(request.TextLength!.Value));
        }
        if (request.LoraSlots is < 0 or > 4096)
        {
            throw new ConversionException(nameof(ConvertRequest.LoraSlots), "a slot rank between 0 and 4096", Format(request.LoraSlots));
        }
        if (request.LoraSlots > 0 && request.Transformer is null && request.Diffusers is null)
        {
            throw new ConversionException(nameof(ConvertRequest.LoraSlots), "0 unless a transformer (or a diffusers folder) is converted", Format(request.LoraSlots));
        }
        if (request.Variant is { } variant && !Enum.IsDefined(variant))
        {
            throw new ConversionException(nameof(ConvertRequest.Variant), $"one of {string.Join(", ", PackageNames.Variants)} or null", Format((int)variant));
        }
        if (!Enum.IsDefined(request.Target))
        {
            throw new ConversionException(nameof(ConvertRequest.Target), $"one of {string.Join(", ", PackageNames.Targets)}", Format((int)request.Target));
        }
    }

    private static ConversionException NothingToConvert() =>
        new(nameof(ConvertRequest.Transformer), "at least one of transformer, t5, clip, ae or diffusers", "none given");

    private static string Format(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

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
        var proto = component.Model.Proto;
        var config = JsonSerializer.SerializeToElement(component.Config, component.Config.GetType(), PackageManifestJson.Options)
            .EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
        components[component.Role] = new ComponentManifest(
            component.Role + "/model.onnx",
            result.DataPath is null ? null : component.Role + "/" + Path.GetFileName(result.DataPath),
            proto.IrVersion,
            ManifestSignatures.Opsets(proto),
            ManifestSignatures.Inputs(proto.Graph),
            ManifestSignatures.Outputs(proto.Graph),
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
                throw new ConversionException(nameof(ConvertRequest.Output), "a folder that stays missing or empty during conversion", $"{output}, which appeared meanwhile");
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
