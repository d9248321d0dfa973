using System.Text.Json;
using FluxOnnx.Converter.Safetensors;
using FluxOnnx.TestSupport;

namespace FluxOnnx.Tests.TestData;

/// <summary>
/// A golden case's tensors (read with the project's safetensors reader) and manifest, copied out as arrays so
/// tests can keep them after the file is closed.
/// </summary>
internal sealed class FixtureTensors
{
    private readonly string _path;
    private readonly Dictionary<string, SafetensorsTensorInfo> _infos;

    private FixtureTensors(string path, JsonElement manifest)
    {
        _path = path;
        using var file = SafetensorsFile.Open(path);
        _infos = file.Tensors.ToDictionary(t => t.Name);
        Manifest = manifest;
    }

    public JsonElement Manifest { get; }

    /// <summary>A case folder under ../shared/fixtures/cases with its tensors.safetensors and manifest.json.</summary>
    public static FixtureTensors Load(string caseName)
    {
        var dir = SharedPaths.Case(caseName);
        return new(Path.Combine(dir, "tensors.safetensors"), JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "manifest.json"))).RootElement);
    }

    /// <summary>Any tensors file, without a manifest.</summary>
    public static FixtureTensors Open(string tensorsPath) => new(tensorsPath, default);

    public bool Has(string name) => _infos.ContainsKey(name);

    public int[] Shape(string name) => _infos[name].Shape.Select(d => checked((int)d)).ToArray();

    public float[] F32(string name) => Copy<float>(name);

    public long[] I64(string name) => Copy<long>(name);

    public byte[] U8(string name) => Copy<byte>(name);

    private T[] Copy<T>(string name) where T : unmanaged
    {
        using var file = SafetensorsFile.Open(_path);
        if (!file.TryGet<T>(name, out var values))
        {
            throw new InvalidDataException($"{_path}: tensor '{name}' is {file.GetInfo(name).DType}, not {typeof(T).Name}.");
        }
        return values.ToArray();
    }
}
