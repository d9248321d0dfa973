namespace FluxOnnx.Graphs.Building;

/// <summary>Pops one scope segment when disposed; scopes must be disposed innermost first.</summary>
internal sealed class ScopeHandle(GraphBuilder owner, int depth) : IDisposable
{
    private bool _disposed;

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        owner.PopScope(depth);
    }
}
