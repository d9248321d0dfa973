namespace FluxOnnx.Cli.Rendering;

/// <summary>A synchronous <see cref="IProgress{T}"/> (reports are handled on the reporting thread, in order).</summary>
public sealed class Reporter<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
