using Microsoft.ML.OnnxRuntime;

namespace FluxOnnx.Runtime;

/// <summary>
/// An ORT <see cref="OrtIoBinding"/> over managed arrays, bound by graph I/O name: each array is pinned and bound once,
/// ORT reads inputs from and writes outputs into those arrays on every run, so a loop rewrites the arrays in place and
/// allocates nothing per run. Owns the binding and the tensor views; disposing releases the binding first, then the
/// views (unpinning the arrays). The arrays stay the caller's and must outlive this object.
/// </summary>
public sealed class TensorBinding : IDisposable
{
    private readonly ModelSession _session;
    private readonly OrtIoBinding _binding;
    private readonly List<OrtValue> _values = [];

    public TensorBinding(ModelSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        _session = session;
        _binding = session.Session.CreateIoBinding();
    }

    /// <summary>Binds <paramref name="data"/> as input <paramref name="name"/> of shape <paramref name="shape"/>.</summary>
    /// <exception cref="TensorSizeMismatchException">The array length is not the shape's element count.</exception>
    public void Input<T>(string name, T[] data, params long[] shape) where T : unmanaged =>
        _binding.BindInput(name, Track(OnnxTensors.Wrap(data, shape)));

    /// <summary>Binds <paramref name="data"/> as the buffer ORT writes output <paramref name="name"/> into.</summary>
    /// <exception cref="TensorSizeMismatchException">The array length is not the shape's element count.</exception>
    public void Output<T>(string name, T[] data, params long[] shape) where T : unmanaged =>
        _binding.BindOutput(name, Track(OnnxTensors.Wrap(data, shape)));

    /// <summary>One run over everything bound (see <see cref="ModelSession.Run(OrtIoBinding, CancellationToken, bool)"/>);
    /// <paramref name="shrinkArena"/> frees the CPU arena's unused chunks after it (the last run of a loop).</summary>
    public void Run(CancellationToken cancellationToken = default, bool shrinkArena = false) => _session.Run(_binding, cancellationToken, shrinkArena);

    public void Dispose()
    {
        _binding.Dispose();
        foreach (var value in _values)
        {
            value.Dispose();
        }
        _values.Clear();
    }

    private OrtValue Track(OrtValue value)
    {
        _values.Add(value);
        return value;
    }
}
