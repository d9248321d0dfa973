using System.Diagnostics.CodeAnalysis;

namespace FluxOnnx.Converter.Safetensors;

/// <summary>
/// A checkpoint split over several safetensors files, described by a <c>*.safetensors.index.json</c>
/// (<c>{"metadata": {...}, "weight_map": {"tensor name": "shard file name", ...}}</c>, the Hugging Face layout),
/// presented as one set of tensors. Each shard is opened (and fully validated) once.
/// </summary>
/// <remarks>
/// The index must agree with the shards exactly: every listed tensor is in the shard the index names, no
/// tensor lives in two shards, and no shard holds a tensor the index omits. Shard names are resolved
/// relative to the index's folder and may not leave it. Owns every shard: <see cref="Dispose"/> unmaps them
/// all, invalidating every span handed out.
/// </remarks>
public sealed class ShardedSafetensors : ISafetensorsSource
{
    private readonly SafetensorsFile[] _shards;
    private readonly Dictionary<string, SafetensorsFile> _shardOf;
    private readonly Dictionary<string, SafetensorsTensorInfo> _infoOf;

    private ShardedSafetensors(string indexPath, SafetensorsFile[] shards, Dictionary<string, SafetensorsFile> shardOf,
        IReadOnlyDictionary<string, string> metadata)
    {
        FilePath = indexPath;
        _shards = shards;
        _shardOf = shardOf;
        Metadata = metadata;
        Tensors = shards.SelectMany(s => s.Tensors).ToList();
        _infoOf = Tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
        TotalTensorBytes = shards.Sum(s => s.TotalTensorBytes);
        LargestTensorBytes = shards.Length == 0 ? 0 : shards.Max(s => s.LargestTensorBytes);
    }

    /// <summary>Full path of the index file.</summary>
    public string FilePath { get; }

    /// <summary>The opened shards, ordered by file name.</summary>
    public IReadOnlyList<SafetensorsFile> Shards => _shards;

    /// <inheritdoc />
    public IReadOnlyList<SafetensorsTensorInfo> Tensors { get; }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <inheritdoc />
    public long TotalTensorBytes { get; }

    /// <inheritdoc />
    public long LargestTensorBytes { get; }

    /// <summary>Reads the index, opens every shard it names, and checks the two agree.</summary>
    /// <exception cref="SafetensorsFormatException">A bad index (<see cref="SafetensorsFormatError.InvalidIndex"/>,
    /// <see cref="SafetensorsFormatError.DuplicateKey"/>), a missing or invalid shard, or a disagreement between
    /// index and shards. Nothing stays open.</exception>
    public static ShardedSafetensors Open(string indexPath)
    {
        string fullIndexPath = Path.GetFullPath(indexPath);
        ShardIndex index = ShardIndex.Read(fullIndexPath);
        var opened = new List<SafetensorsFile>();
        try
        {
            string folder = Path.GetDirectoryName(fullIndexPath)!;
            foreach (string shardName in index.ShardNames)
            {
                string shardPath = Path.Combine(folder, shardName);
                if (!File.Exists(shardPath))
                {
                    string example = index.WeightMap.First(p => p.Value == shardName).Key;
                    throw new SafetensorsFormatException(SafetensorsFormatError.MissingShard, shardPath,
                        $"the shard named by index '{fullIndexPath}' does not exist", example, "an existing file", "missing");
                }
                opened.Add(SafetensorsFile.Open(shardPath));
            }
            var shardOf = new Dictionary<string, SafetensorsFile>(StringComparer.Ordinal);
            for (int i = 0; i < opened.Count; i++)
            {
                foreach (SafetensorsTensorInfo tensor in opened[i].Tensors)
                {
                    if (!shardOf.TryAdd(tensor.Name, opened[i]))
                    {
                        throw new SafetensorsFormatException(SafetensorsFormatError.TensorInTwoShards, opened[i].FilePath,
                            "the tensor is stored in two shards", tensor.Name, shardOf[tensor.Name].FilePath, opened[i].FilePath);
                    }
                    if (!index.WeightMap.ContainsKey(tensor.Name))
                    {
                        throw new SafetensorsFormatException(SafetensorsFormatError.TensorNotInIndex, opened[i].FilePath,
                            $"the shard holds a tensor index '{fullIndexPath}' does not list", tensor.Name);
                    }
                }
            }
            foreach ((string name, string shardName) in index.WeightMap)
            {
                SafetensorsFile listed = opened[index.ShardNames.IndexOf(shardName)];
                if (!shardOf.TryGetValue(name, out SafetensorsFile? actual) || actual != listed)
                {
                    throw new SafetensorsFormatException(SafetensorsFormatError.TensorMissingFromShard, listed.FilePath,
                        $"index '{fullIndexPath}' places the tensor in this shard, which does not hold it", name,
                        listed.FilePath, actual?.FilePath ?? "in no shard");
                }
            }
            return new ShardedSafetensors(fullIndexPath, [.. opened], shardOf, index.Metadata);
        }
        catch
        {
            foreach (SafetensorsFile shard in opened)
            {
                shard.Dispose();
            }
            throw;
        }
    }

    /// <summary>The shard holding <paramref name="name"/>.</summary>
    /// <exception cref="SafetensorsAccessException"><see cref="SafetensorsAccessError.TensorNotFound"/>.</exception>
    public SafetensorsFile GetShard(string name) => _shardOf.TryGetValue(name, out SafetensorsFile? shard)
        ? shard
        : throw new SafetensorsAccessException(SafetensorsAccessError.TensorNotFound, FilePath, name,
            $"no such tensor in {_shards.Length} shards");

    /// <inheritdoc />
    public bool Contains(string name) => _shardOf.ContainsKey(name);

    /// <inheritdoc />
    public bool TryGetInfo(string name, [NotNullWhen(true)] out SafetensorsTensorInfo? info) => _infoOf.TryGetValue(name, out info);

    /// <inheritdoc />
    public SafetensorsTensorInfo GetInfo(string name) => GetShard(name).GetInfo(name);

    /// <inheritdoc />
    public ReadOnlySpan<byte> GetBytes(string name) => GetShard(name).GetBytes(name);

    /// <inheritdoc />
    public ReadOnlySpan<byte> GetBytes(string name, long start, int length) => GetShard(name).GetBytes(name, start, length);

    /// <inheritdoc />
    public TensorByteChunks GetChunks(string name, int maxChunkBytes = 1 << 30) => GetShard(name).GetChunks(name, maxChunkBytes);

    /// <inheritdoc />
    public void CopyTo(string name, Stream destination, CancellationToken cancellationToken = default) =>
        GetShard(name).CopyTo(name, destination, cancellationToken);

    /// <inheritdoc />
    public void ReadBytes(string name, long start, Span<byte> destination) => GetShard(name).ReadBytes(name, start, destination);

    /// <inheritdoc />
    public void ReadAsFloat32(string name, long firstElement, Span<float> destination) =>
        GetShard(name).ReadAsFloat32(name, firstElement, destination);

    /// <inheritdoc />
    public void ReadAsFloat32(string name, Span<float> destination) => GetShard(name).ReadAsFloat32(name, destination);

    /// <inheritdoc />
    public bool TryGet<T>(string name, out ReadOnlySpan<T> values) where T : unmanaged
    {
        values = default;
        return _shardOf.TryGetValue(name, out SafetensorsFile? shard) && shard.TryGet(name, out values);
    }

    /// <summary>Unmaps every shard.</summary>
    public void Dispose()
    {
        foreach (SafetensorsFile shard in _shards)
        {
            shard.Dispose();
        }
    }
}
