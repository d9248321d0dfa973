namespace FluxOnnx.Graphs.Building;

/// <summary>
/// Pops one scope segment or one keep-float32 region of a <see cref="GraphBuilder"/> when disposed (once); scopes
/// and regions must each be disposed innermost first.
/// </summary>
internal sealed class ScopeHandle(Action<int> pop, int depth) : IDisposable
{
    private bool _disposed;

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        pop(depth);
    }
}
