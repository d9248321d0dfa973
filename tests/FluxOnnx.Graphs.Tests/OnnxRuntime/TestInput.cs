using FluxOnnx.Runtime;
using Microsoft.ML.OnnxRuntime;

namespace FluxOnnx.Graphs.Tests.OnnxRuntime;

/// <summary>One graph input for a test run: its name, shape and a factory for the ORT tensor over the test's buffer.</summary>
public sealed class TestInput
{
    private readonly Func<OrtValue> _create;

    private TestInput(string name, Func<OrtValue> create)
    {
        Name = name;
        _create = create;
    }

    public string Name { get; }

    public OrtValue Create() => _create();

    public static TestInput Float(string name, float[] data, params long[] shape) =>
        new(name, () => OnnxTensors.Wrap(data, shape));

    public static TestInput Bool(string name, bool[] data, params long[] shape) =>
        new(name, () => OnnxTensors.Wrap(data, shape));
}
