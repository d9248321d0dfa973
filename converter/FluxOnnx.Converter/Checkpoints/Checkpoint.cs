using FluxOnnx.Converter.Formats;
using FluxOnnx.Converter.Safetensors;

namespace FluxOnnx.Converter.Checkpoints;

/// <summary>
/// An opened checkpoint (file or folder): its detected <see cref="Layout"/>, and each component as an
/// <see cref="IQuantizedWeightSource"/> under reference names. Owns the memory-mapped files: every source and
/// span handed out is valid until <see cref="Dispose"/>.
/// </summary>
public sealed class Checkpoint : IDisposable
{
    private readonly Dictionary<string, ISafetensorsSource> _files = new(StringComparer.Ordinal);

    private Checkpoint(CheckpointLayout layout) => Layout = layout;

    public CheckpointLayout Layout { get; }

    /// <summary>Detects the layout at <paramref name="path"/>; files are mapped when a component is opened.</summary>
    /// <exception cref="UnknownCheckpointLayoutException">Nothing recognizable at <paramref name="path"/>.</exception>
    public static Checkpoint Open(string path) => new(CheckpointDetector.Detect(path));

    /// <summary>The component of <paramref name="kind"/> as reference-named weights (nothing is read before writing).</summary>
    /// <exception cref="MissingComponentException">The checkpoint holds no such component.</exception>
    /// <exception cref="CheckpointException">A recipe cannot be built: <see cref="IncompleteRecipeException"/>,
    /// <see cref="RecipeShapeException"/>, <see cref="UnsupportedQuantizationException"/>.</exception>
    public ComponentWeightSource OpenComponent(ComponentKind kind)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ComponentLocation location = Layout.Find(kind)
            ?? throw new MissingComponentException(Layout.Path, kind, [.. Layout.Components.Select(c => c.Kind)]);
        if (!_files.TryGetValue(location.TensorsPath, out ISafetensorsSource? file))
        {
            file = location.TensorsPath.EndsWith(".index.json", StringComparison.Ordinal)
                ? ShardedSafetensors.Open(location.TensorsPath)
                : SafetensorsFile.Open(location.TensorsPath);
            _files[location.TensorsPath] = file;
        }
        return CreateComponent(location, file);
    }

    /// <summary>Applies the component's format recipes over an already open <paramref name="file"/>.</summary>
    internal static ComponentWeightSource CreateComponent(ComponentLocation location, ISafetensorsSource file)
    {
        var tensors = ComfyUiFormat.Tensors(file, location.Prefix);
        var recipes = new RecipeBuilder(tensors);
        Action<RecipeBuilder> apply = (location.Kind, location.Layout) switch
        {
            (ComponentKind.Transformer, KeyLayout.Diffusers) => DiffusersTransformerFormat.Apply,
            (ComponentKind.Autoencoder, KeyLayout.Diffusers) => DiffusersVaeFormat.Apply,
            (ComponentKind.T5, _) => HfT5Format.Apply,
            (ComponentKind.Clip, _) => HfClipFormat.Apply,
            _ => BflFormat.Apply,
        };
        apply(recipes);
        return new ComponentWeightSource(location, tensors, recipes.Build(), recipes.Tolerated);
    }

    private bool _disposed;

    /// <summary>Unmaps every file opened for a component.</summary>
    public void Dispose()
    {
        _disposed = true;
        foreach (ISafetensorsSource file in _files.Values)
        {
            file.Dispose();
        }
        _files.Clear();
    }
}
