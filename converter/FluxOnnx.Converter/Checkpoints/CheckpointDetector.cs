using FluxOnnx.Converter.Formats;
using FluxOnnx.Converter.Safetensors;

namespace FluxOnnx.Converter.Checkpoints;

/// <summary>
/// Finds which components a file or folder holds and how each is stored, from the safetensors headers (or the
/// shard index) and the folder layout alone; no tensor data is read.
/// </summary>
/// <remarks>
/// Folders: a diffusers pipeline (<c>model_index.json</c> with <c>transformer/</c>, <c>vae/</c>,
/// <c>text_encoder/</c> (CLIP), <c>text_encoder_2/</c> (T5)), or one model folder (<c>config.json</c> beside
/// one <c>*.safetensors</c> or one <c>*.safetensors.index.json</c>). Files: a single <c>.safetensors</c> or an
/// index. Inside, ComfyUI all-in-one prefixes are looked for first (<see cref="ComfyUiFormat.Prefixes"/>), then the
/// whole file is classified by its signature keys.
/// </remarks>
public static class CheckpointDetector
{
    private const string ModelIndex = "model_index.json";
    private const string Config = "config.json";
    private const string IndexSuffix = ".safetensors.index.json";

    private static readonly (string Folder, ComponentKind Kind)[] PipelineFolders =
    [
        ("transformer", ComponentKind.Transformer),
        ("vae", ComponentKind.Autoencoder),
        ("text_encoder_2", ComponentKind.T5),
        ("text_encoder", ComponentKind.Clip),
    ];

    private static readonly string[] Expected =
    [
        $"BFL transformer ({string.Join(" or ", BflFormat.TransformerSignature)})",
        $"diffusers transformer ({string.Join(" or ", DiffusersTransformerFormat.Signature)})",
        $"BFL autoencoder (encoder.conv_in.weight with {string.Join(" / ", BflFormat.AutoencoderSignature)}*)",
        $"diffusers autoencoder ({string.Join(" / ", DiffusersVaeFormat.Signature)}*)",
        $"HF T5 encoder ({string.Join(" or ", HfT5Format.Signature)})",
        $"HF CLIP text model ({HfClipFormat.Signature}*)",
        $"ComfyUI all-in-one ({string.Join(", ", ComfyUiFormat.Prefixes.Select(p => p.Prefix + "*"))})",
        $"a folder with {ModelIndex}, or {Config} beside *.safetensors / *{IndexSuffix}",
    ];

    /// <exception cref="UnknownCheckpointLayoutException">Nothing recognizable at <paramref name="path"/>.</exception>
    /// <exception cref="SafetensorsFormatException">A weights file is malformed or truncated.</exception>
    /// <exception cref="FileNotFoundException">The path does not exist.</exception>
    public static CheckpointLayout Detect(string path)
    {
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            return new CheckpointLayout(full, File.Exists(Path.Combine(full, ModelIndex)) ? DetectPipeline(full) : [DetectModelFolder(full, null)]);
        }
        if (!File.Exists(full))
        {
            throw new FileNotFoundException("No checkpoint file or folder at this path.", full);
        }
        return new CheckpointLayout(full, DetectFile(full));
    }

    private static List<ComponentLocation> DetectPipeline(string folder)
    {
        var found = new List<ComponentLocation>();
        foreach ((string name, ComponentKind kind) in PipelineFolders)
        {
            string sub = Path.Combine(folder, name);
            if (Directory.Exists(sub))
            {
                found.Add(DetectModelFolder(sub, kind));
            }
        }
        if (found.Count == 0)
        {
            throw Unknown(folder, Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).OfType<string>());
        }
        return [.. found.OrderBy(c => c.Kind)];
    }

    private static ComponentLocation DetectModelFolder(string folder, ComponentKind? expectedKind)
    {
        string weights = FindWeights(folder);
        var keys = ReadKeys(weights, out var metadata);
        var (kind, layout) = Classify(keys, "") ?? throw Unknown(weights, keys);
        if (expectedKind is not null && kind != expectedKind)
        {
            throw Unknown(weights, keys);
        }
        string? config = File.Exists(Path.Combine(folder, Config)) ? Path.Combine(folder, Config) : null;
        CheckpointFormat format = expectedKind is not null || layout == KeyLayout.Diffusers ? CheckpointFormat.Diffusers
            : layout == KeyLayout.Hf ? CheckpointFormat.Hf : CheckpointFormat.Bfl;
        return new ComponentLocation(kind, ComfyUiFormat.IsScaledFp8(keys, metadata, "") ? CheckpointFormat.ComfyUiFp8Scaled : format, layout, weights, "", config);
    }

    private static List<ComponentLocation> DetectFile(string file)
    {
        var keys = ReadKeys(file, out var metadata);
        var found = new List<ComponentLocation>();
        foreach ((ComponentKind kind, string prefix) in ComfyUiFormat.Components(keys))
        {
            var classified = Classify(keys, prefix);
            if (classified?.Kind != kind)
            {
                throw Unknown(file, keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)));
            }
            var format = ComfyUiFormat.IsScaledFp8(keys, metadata, prefix) ? CheckpointFormat.ComfyUiFp8Scaled : CheckpointFormat.ComfyUi;
            found.Add(new ComponentLocation(kind, format, classified.Value.Layout, file, prefix, null));
        }
        if (found.Count > 0)
        {
            return [.. found.OrderBy(c => c.Kind)];
        }
        var (single, layout) = Classify(keys, "") ?? throw Unknown(file, keys);
        string? config = Path.Combine(Path.GetDirectoryName(file)!, Config);
        config = File.Exists(config) ? config : null;
        CheckpointFormat fileFormat = ComfyUiFormat.IsScaledFp8(keys, metadata, "") ? CheckpointFormat.ComfyUiFp8Scaled
            : layout == KeyLayout.Diffusers ? CheckpointFormat.Diffusers
            : layout == KeyLayout.Bfl ? CheckpointFormat.Bfl
            : config is not null ? CheckpointFormat.Hf : CheckpointFormat.ComfyUi;
        return [new ComponentLocation(single, fileFormat, layout, file, "", config)];
    }

    private static (ComponentKind Kind, KeyLayout Layout)? Classify(HashSet<string> keys, string prefix)
    {
        bool Has(string key) => keys.Contains(prefix + key);
        bool Any(string start) => keys.Any(k => k.StartsWith(prefix + start, StringComparison.Ordinal));
        if (BflFormat.TransformerSignature.Any(Has))
        {
            return (ComponentKind.Transformer, KeyLayout.Bfl);
        }
        if (DiffusersTransformerFormat.Signature.Any(Has))
        {
            return (ComponentKind.Transformer, KeyLayout.Diffusers);
        }
        if (DiffusersVaeFormat.Signature.Any(Any))
        {
            return (ComponentKind.Autoencoder, KeyLayout.Diffusers);
        }
        if ((Has("encoder.conv_in.weight") || Has("decoder.conv_in.weight")) && BflFormat.AutoencoderSignature.Any(Any))
        {
            return (ComponentKind.Autoencoder, KeyLayout.Bfl);
        }
        if (Any(HfClipFormat.Signature))
        {
            return (ComponentKind.Clip, KeyLayout.Hf);
        }
        if (HfT5Format.Signature.Any(Has) || (Has(HfT5Format.Embedding) && Any("encoder.block.")))
        {
            return (ComponentKind.T5, KeyLayout.Hf);
        }
        return null;
    }

    /// <summary>The one <c>*.safetensors.index.json</c> of a folder, else its one <c>*.safetensors</c>.</summary>
    private static string FindWeights(string folder)
    {
        string[] indexes = Directory.GetFiles(folder, "*" + IndexSuffix);
        if (indexes.Length == 1)
        {
            return indexes[0];
        }
        string[] files = Directory.GetFiles(folder, "*.safetensors");
        if (indexes.Length == 0 && files.Length == 1)
        {
            return files[0];
        }
        throw Unknown(folder, Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).OfType<string>());
    }

    private static HashSet<string> ReadKeys(string path, out IReadOnlyDictionary<string, string> metadata)
    {
        if (path.EndsWith(IndexSuffix, StringComparison.Ordinal))
        {
            var index = ShardIndex.Read(path);
            metadata = index.Metadata;
            return new HashSet<string>(index.WeightMap.Keys, StringComparer.Ordinal);
        }
        using var file = SafetensorsFile.Open(path);
        metadata = file.Metadata;
        return new HashSet<string>(file.Tensors.Select(t => t.Name), StringComparer.Ordinal);
    }

    private static UnknownCheckpointLayoutException Unknown(string path, IEnumerable<string> keys) =>
        new(path, [.. keys.Order(StringComparer.Ordinal).Take(8)], Expected);
}
