using System.Text.Json;
using FluxOnnx.Converter.Safetensors;
using FluxOnnx.TestSupport;

namespace FluxOnnx.Converter.Tests.EndToEnd;

/// <summary>A golden case folder: its manifest and tensors (float32 views), read from ../shared/fixtures.</summary>
internal sealed class FixtureCase : IDisposable
{
    private readonly SafetensorsFile _tensors;

    public FixtureCase(string name)
    {
        Folder = SharedPaths.Case(name);
        Manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "manifest.json")));
        _tensors = SafetensorsFile.Open(Path.Combine(Folder, "tensors.safetensors"));
    }

    public string Folder { get; }

    public JsonDocument Manifest { get; }

    public float[] Floats(string name)
    {
        var info = _tensors.GetInfo(name);
        var values = new float[info.ElementCount];
        _tensors.ReadAsFloat32(name, values);
        return values;
    }

    public byte[] Bytes(string name) => _tensors.GetBytes(name).ToArray();

    public double SuggestedAtol => Manifest.RootElement.GetProperty("tolerance").GetProperty("suggested_atol").GetDouble();

    public void Dispose()
    {
        _tensors.Dispose();
        Manifest.Dispose();
    }

    public static double MaxAbs(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"lengths differ: {a.Length} vs {b.Length}");
        }
        double max = 0;
        for (var i = 0; i < a.Length; i++)
        {
            max = Math.Max(max, Math.Abs((double)a[i] - b[i]));
        }
        return max;
    }
}
