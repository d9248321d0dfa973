using Xunit;
using System.Buffers.Binary;
using System.Text.Json;

namespace FluxOnnx.Tests.Imaging;

/// <summary>
/// TEST-ONLY, TEMPORARY: a minimal safetensors reader (8-byte little-endian header length, JSON header, raw data) so the
/// imaging tests can read the fixtures' <c>*_uint8</c> and F32 tensors before the real safetensors reader exists.
/// Replace with the library reader when it lands. Supports U8 and F32 only; no validation beyond bounds.
/// </summary>
internal sealed class TestOnlySafetensorsReader
{
    private readonly byte[] _file;
    private readonly long _dataStart;
    private readonly JsonElement _header;

    public TestOnlySafetensorsReader(string path)
    {
        _file = File.ReadAllBytes(path);
        long n = BinaryPrimitives.ReadInt64LittleEndian(_file);
        _header = JsonDocument.Parse(_file.AsMemory(8, (int)n)).RootElement;
        _dataStart = 8 + n;
    }

    public int[] Shape(string name) => _header.GetProperty(name).GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();

    public byte[] U8(string name) => Raw(name, "U8").ToArray();

    public float[] F32(string name)
    {
        var raw = Raw(name, "F32");
        var values = new float[raw.Length / 4];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(raw.Slice(4 * i));
        }
        return values;
    }

    private ReadOnlySpan<byte> Raw(string name, string dtype)
    {
        var entry = _header.GetProperty(name);
        Assert.Equal(dtype, entry.GetProperty("dtype").GetString());
        var offsets = entry.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        return _file.AsSpan((int)(_dataStart + offsets[0]), (int)(offsets[1] - offsets[0]));
    }
}
