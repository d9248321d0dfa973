using FluxOnnx.Ort;

namespace FluxOnnx.Graphs.Tests.OnnxRuntime;

/// <summary>One graph input for a test run: its name, shape and a factory for the ORT tensor over the test's buffer.</summary>
public sealed class TestInput
{
    private readonly Func<OrtLibrary, OrtValue> _create;

    private TestInput(string name, Func<OrtLibrary, OrtValue> create)
    {
        Name = name;
        _create = create;
    }

    public string Name { get; }

    public OrtValue Create(OrtLibrary library) => _create(library);

    public static TestInput Float(string name, float[] data, params long[] shape) =>
        new(name, library => OrtValue.CreateTensor(library, data.AsMemory(), shape));

    public static TestInput Bool(string name, bool[] data, params long[] shape) =>
        new(name, library => OrtValue.CreateTensor(library, data.AsMemory(), shape));

    /// <summary>FLOAT8E4M3FN codes held in a byte buffer.</summary>
    public static TestInput Float8E4M3FN(string name, byte[] data, params long[] shape) =>
        new(name, library => OrtValue.CreateTensor(library, data.AsMemory(), shape, OrtElementType.Float8E4M3FN));
}
