using Microsoft.ML.OnnxRuntime;

namespace FluxOnnx.Runtime;

/// <summary>
/// One ONNX Runtime <see cref="InferenceSession"/> with the two things FluxOnnx adds: runs that honour a
/// <see cref="CancellationToken"/> (ORT's <see cref="RunOptions.Terminate"/> is set when the token fires, so a long
/// transformer run stops inside its kernels, and the caller sees <see cref="OperationCanceledException"/>), and the
/// model path for messages. Everything else is the official API (<see cref="Session"/>).
/// </summary>
/// <remarks>Owns the session; dispose it once no run is in flight. Runs on one session may be issued from several
/// threads (ORT allows concurrent Run calls); an <see cref="OrtIoBinding"/> must not be shared between concurrent runs.</remarks>
public sealed class ModelSession : IDisposable
{
    /// <summary>Loads <paramref name="modelPath"/> with <paramref name="options"/> (not owned; may be shared).</summary>
    /// <param name="modelPath">The ONNX file.</param>
    /// <param name="options">Session options (not owned; may be shared).</param>
    /// <param name="shrinkableCpuArena">The options run on the CPU provider with ORT's CPU arena on, so a run asked to
    /// shrink the arena may (ORT fails a run whose shrink list names a device without an arena); false makes every
    /// shrink request a no-op.</param>
    /// <exception cref="ModelLoadException">ORT cannot load the model (not ONNX, invalid graph, unsupported op).</exception>
    public ModelSession(string modelPath, SessionOptions options, bool shrinkableCpuArena = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        ArgumentNullException.ThrowIfNull(options);
        ModelPath = modelPath;
        _shrinkableCpuArena = shrinkableCpuArena;
        try
        {
            Session = new InferenceSession(modelPath, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new ModelLoadException(modelPath, e);
        }
    }

    private readonly bool _shrinkableCpuArena;

    /// <summary>The file the session was loaded from.</summary>
    public string ModelPath { get; }

    /// <summary>The official session: metadata (<see cref="InferenceSession.InputMetadata"/>), I/O binding, profiling.</summary>
    public InferenceSession Session { get; }

    /// <summary>
    /// Runs with named inputs and returns the outputs named by <paramref name="outputNames"/> in that order, or every
    /// output in graph order when it is null (ORT-allocated; the caller disposes the collection).
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired before or during the run.</exception>
    /// <exception cref="OnnxRuntimeException">ORT refused the inputs or failed in a kernel.</exception>
    /// <param name="inputs">Input values by graph name.</param>
    /// <param name="outputNames">Outputs to return, or null for all.</param>
    /// <param name="cancellationToken">Stops the run inside its kernels.</param>
    /// <param name="shrinkArena">After the run, return the CPU arena's unused chunks to the system (ORT run option
    /// <c>memory.enable_memory_arena_shrinkage</c>): for the last run of a stage, so an idle session does not keep its
    /// activations' high-water mark. Ignored unless the session was created with <c>shrinkableCpuArena</c>.</param>
    public IDisposableReadOnlyCollection<OrtValue> Run(IReadOnlyDictionary<string, OrtValue> inputs,
        IReadOnlyCollection<string>? outputNames = null, CancellationToken cancellationToken = default, bool shrinkArena = false)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var names = outputNames ?? Session.OutputNames;
        return Cancellable(cancellationToken, shrinkArena && _shrinkableCpuArena, runOptions => Session.Run(runOptions, inputs, names));
    }

    /// <summary>Runs with everything bound in <paramref name="binding"/> (created by <see cref="InferenceSession.CreateIoBinding"/>).</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired before or during the run.</exception>
    /// <exception cref="OnnxRuntimeException">ORT refused the bound values or failed in a kernel.</exception>
    /// <param name="binding">Everything the run reads and writes.</param>
    /// <param name="cancellationToken">Stops the run inside its kernels.</param>
    /// <param name="shrinkArena">As for the other overload: free the CPU arena's unused chunks after the run.</param>
    public void Run(OrtIoBinding binding, CancellationToken cancellationToken = default, bool shrinkArena = false)
    {
        ArgumentNullException.ThrowIfNull(binding);
        Cancellable<object?>(cancellationToken, shrinkArena && _shrinkableCpuArena, runOptions =>
        {
            Session.RunWithBinding(runOptions, binding);
            return null;
        });
    }

    public void Dispose() => Session.Dispose();

    private static T Cancellable<T>(CancellationToken cancellationToken, bool shrinkArena, Func<RunOptions, T> run)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var runOptions = new RunOptions();
        if (shrinkArena)
        {
            runOptions.AddRunConfigEntry("memory.enable_memory_arena_shrinkage", "cpu:0");
        }
        using var registration = cancellationToken.CanBeCanceled
            ? cancellationToken.Register(static state => ((RunOptions)state!).Terminate = true, runOptions)
            : default;
        try
        {
            return run(runOptions);
        }
        catch (OnnxRuntimeException e) when (cancellationToken.IsCancellationRequested)
        {
            // ORT reports a terminated run as a failure ("Exiting due to terminate flag being set to true").
            throw new OperationCanceledException("The ONNX Runtime run was cancelled.", e, cancellationToken);
        }
    }
}
