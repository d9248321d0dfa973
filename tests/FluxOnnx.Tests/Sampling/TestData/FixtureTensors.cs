using System.Text;
using System.Text.Json;
using FluxOnnx.TestSupport;

namespace FluxOnnx.Tests.Sampling.TestData;

/// <summary>
/// TEST-ONLY minimal reader of a fixture case (<c>manifest.json</c> + <c>tensors.safetensors</c>, F32 / I64 / U8 only).
/// Layout: 8-byte little-endian header length, JSON header {name: {dtype, shape, data_offsets}}, raw data.
/// Temporary stand-in until the project's safetensors reader lands; it will be replaced then.
/// </summary>
internal sealed class FixtureTensors
{
    private readonly byte[] _bytes;
    private readonly long _dataStart;
    private readonly JsonElement _header;

    private FixtureTensors(string caseName)
    {
        var dir = SharedPaths.Case(caseName);
        _bytes = File.ReadAllBytes(Path.Combine(dir, "tensors.safetensors"));
        var headerLength = BitConverter.ToInt64(_bytes, 0);
        _header = JsonDocument.Parse(Encoding.UTF8.GetString(_bytes, 8, checked((int)headerLength))).RootElement;
        _dataStart = 8 + headerLength;
        Manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "manifest.json"))).RootElement;
    }

    /// <summary>The case's parsed manifest.json.</summary>
    public JsonElement Manifest { get; }

    public static FixtureTensors Load(string caseName) => new(caseName);

    public bool Has(string name) => _header.TryGetProperty(name, out _);

    public int[] Shape(string name) =>
        _header.GetProperty(name).GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();

    public float[] F32(string name) => MemoryMarshalCopy<float>(name, "F32");

    public long[] I64(string name) => MemoryMarshalCopy<long>(name, "I64");

    public byte[] U8(string name) => MemoryMarshalCopy<byte>(name, "U8");

    private T[] MemoryMarshalCopy<T>(string name, string dtype) where T : unmanaged
    {
        var entry = _header.GetProperty(name);
        var actual = entry.GetProperty("dtype").GetString();
        if (actual != dtype)
        {
            throw new InvalidDataException($"Fixture tensor '{name}' is {actual}, expected {dtype}.");
        }
        var offsets = entry.GetProperty("data_offsets");
        var begin = _dataStart + offsets[0].GetInt64();
        var length = offsets[1].GetInt64() - offsets[0].GetInt64();
        var bytes = _bytes.AsSpan(checked((int)begin), checked((int)length));
        return System.Runtime.InteropServices.MemoryMarshal.Cast<byte, T>(bytes).ToArray();
    }
}
