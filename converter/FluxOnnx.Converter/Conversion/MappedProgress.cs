namespace FluxOnnx.Converter.Conversion;

/// <summary>
/// Forwards progress from an inner operation to the caller's reporter synchronously, on the reporting thread.
/// (<see cref="Progress{T}"/> would post to a synchronization context or the thread pool, so reports could arrive
/// after the work they describe, out of order, or after cancellation.)
/// </summary>
internal sealed class MappedProgress<TIn, TOut>(IProgress<TOut> target, Func<TIn, TOut> map) : IProgress<TIn>
{
    public void Report(TIn value) => target.Report(map(value));
}
