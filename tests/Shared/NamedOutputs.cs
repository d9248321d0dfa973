using FluxOnnx.Runtime;
using Microsoft.ML.OnnxRuntime;

namespace FluxOnnx.TestSupport;

/// <summary>
/// Every output of one test run, looked up by graph output name (ORT's result collection is positional), with the
/// float data and shape readers the tests assert on. Disposing releases the ORT-allocated outputs.
/// </summary>
internal sealed class NamedOutputs : IDisposable
{
    private readonly IDisposableReadOnlyCollection<OrtValue> _values;
    private readonly IReadOnlyList<string> _names;

    private NamedOutputs(IReadOnlyList<string> names, IDisposableReadOnlyCollection<OrtValue> values)
    {
        _names = names;
        _values = values;
    }

    /// <summary>Runs <paramref name="session"/> on <paramref name="inputs"/> (name, value) and keeps every output.</summary>
    public static NamedOutputs Run(ModelSession session, params (string Name, OrtValue Value)[] inputs)
    {
        var names = session.Session.OutputNames;
        return new NamedOutputs(names, session.Run(inputs.ToDictionary(i => i.Name, i => i.Value), names));
    }

    public OrtValue this[string name] => _values.ElementAt(IndexOf(name));

    public OrtValue this[int index] => _values.ElementAt(index);

    public long[] Shape(string name) => this[name].GetTensorTypeAndShape().Shape;

    public float[] Floats(string name) => this[name].GetTensorDataAsSpan<float>().ToArray();

    public void Dispose() => _values.Dispose();

    private int IndexOf(string name)
    {
        for (var i = 0; i < _names.Count; i++)
        {
            if (_names[i] == name) return i;
        }
        throw new KeyNotFoundException($"no output '{name}'; outputs: {string.Join(", ", _names)}");
    }
}
