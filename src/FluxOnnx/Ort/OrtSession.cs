using System.Runtime.InteropServices;
using FluxOnnx.Ort.Native;

namespace FluxOnnx.Ort;

/// <summary>
/// Owner of an <c>OrtSession</c> loaded from a model file. Holds a reference on the native environment so that it
/// outlives the session. <see cref="Run"/> may be called from several threads at once (ORT allows concurrent runs);
/// <see cref="Dispose"/> must not race with a run.
/// </summary>
public sealed unsafe class OrtSession : IDisposable
{
    private readonly OrtEnvironment _environment;
    private bool _environmentReferenced;

    /// <summary>Loads <paramref name="modelPath"/> (with its external data files beside it).</summary>
    /// <param name="environment">Kept referenced until the session is disposed.</param>
    /// <param name="modelPath">The .onnx file; passed to ORT as UTF-8 (UTF-16 on Windows).</param>
    /// <param name="options">Copied into the session; null uses ORT's defaults (CPU provider).</param>
    /// <exception cref="OrtException">ORT rejected the file, e.g. <see cref="OrtErrorCode.NoSuchFile"/> or
    /// <see cref="OrtErrorCode.InvalidProtobuf"/>.</exception>
    public OrtSession(OrtEnvironment environment, string modelPath, OrtSessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(modelPath);
        _environment = environment;
        Library = environment.Library;
        ModelPath = modelPath;
        var ownedOptions = options is null ? new OrtSessionOptions(Library) : null;
        try
        {
            environment.Handle.DangerousAddRef(ref _environmentReferenced);
            var sessionOptions = (options ?? ownedOptions!).Native;
            nint session;
            fixed (byte* path = NativeText.OrtPath(modelPath))
            {
                Library.Check(Library.Api.CreateSession(environment.Handle.DangerousGetHandle(), path, sessionOptions, &session));
            }
            Handle = Library.Own(session, OrtApiSlot.ReleaseSession);
            Inputs = SessionReader.ReadNodes(Library, session, inputs: true);
            Outputs = SessionReader.ReadNodes(Library, session, inputs: false);
            Metadata = SessionReader.ReadMetadata(Library, session);
        }
        catch
        {
            Dispose();
            throw;
        }
        finally
        {
            ownedOptions?.Dispose();
        }
    }

    public OrtLibrary Library { get; }

    public string ModelPath { get; }

    /// <summary>Graph inputs in model order; free dimensions keep their symbolic names.</summary>
    public IReadOnlyList<OrtNodeInfo> Inputs { get; } = Array.Empty<OrtNodeInfo>();

    /// <summary>Graph outputs in model order.</summary>
    public IReadOnlyList<OrtNodeInfo> Outputs { get; } = Array.Empty<OrtNodeInfo>();

    public OrtModelMetadata Metadata { get; } = null!;

    internal OrtHandle? Handle { get; }

    internal nint Native
    {
        get
        {
            ObjectDisposedException.ThrowIf(Handle is null || Handle.IsClosed, this);
            return Handle.DangerousGetHandle();
        }
    }

    /// <summary>
    /// Runs the model on <paramref name="inputs"/> (graph input name → value) and returns the outputs named in
    /// <paramref name="outputNames"/> (all graph outputs when null), in that order. The inputs stay owned by the
    /// caller; the returned collection owns the outputs.
    /// </summary>
    /// <param name="inputs">Input values by graph input name; they are referenced for the call only.</param>
    /// <param name="outputNames">Outputs to compute; null means every graph output in model order.</param>
    /// <param name="runOptions">Options for this run (log level, tag, terminate flag); null uses ORT's defaults.</param>
    /// <param name="cancellationToken">Cancelling it terminates the run through <c>RunOptionsSetTerminate</c>.</param>
    /// <exception cref="OrtException">ORT failed, e.g. <see cref="OrtErrorCode.InvalidArgument"/> for an unknown input name.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled before or during the run.</exception>
    public OrtRunOutputs Run(
        IEnumerable<KeyValuePair<string, OrtValue>> inputs,
        IReadOnlyList<string>? outputNames = null,
        OrtRunOptions? runOptions = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var inputList = inputs.ToArray();
        var names = outputNames ?? Outputs.Select(o => o.Name).ToArray();
        var session = Native;
        var nativeInputNames = new nint[inputList.Length];
        var nativeOutputNames = new nint[names.Count];
        var inputValues = new nint[inputList.Length];
        var outputValues = new nint[names.Count];
        var referenced = new List<OrtHandle>(inputList.Length);
        try
        {
            for (var i = 0; i < inputList.Length; i++)
            {
                nativeInputNames[i] = Marshal.StringToCoTaskMemUTF8(inputList[i].Key);
                var handle = inputList[i].Value.Handle;
                var added = false;
                handle.DangerousAddRef(ref added);
                referenced.Add(handle);
                inputValues[i] = handle.DangerousGetHandle();
            }
            for (var i = 0; i < names.Count; i++)
            {
                nativeOutputNames[i] = Marshal.StringToCoTaskMemUTF8(names[i]);
            }
            using var scope = new RunScope(Library, runOptions, cancellationToken);
            nint status;
            fixed (nint* inNames = nativeInputNames)
            fixed (nint* inValues = inputValues)
            fixed (nint* outNames = nativeOutputNames)
            fixed (nint* outValues = outputValues)
            {
                status = Library.Api.Run(session, scope.Native, inNames, inValues, (nuint)inputList.Length,
                    outNames, (nuint)names.Count, outValues);
            }
            if (status != nint.Zero)
            {
                throw scope.Translate(OrtStatus.ToException(Library.Api, status));
            }
            return new OrtRunOutputs(names.ToArray(), outputValues.Select(v => OrtValue.FromOwned(Library, v)).ToArray());
        }
        finally
        {
            foreach (var handle in referenced)
            {
                handle.DangerousRelease();
            }
            foreach (var name in nativeInputNames.Concat(nativeOutputNames))
            {
                Marshal.FreeCoTaskMem(name);
            }
        }
    }

    /// <summary>A new IOBinding for this session; it must be disposed before the session.</summary>
    public OrtIoBinding CreateIoBinding() => new(this);

    /// <summary>
    /// Runs the model on the inputs and outputs bound in <paramref name="binding"/>. Read the results with
    /// <see cref="OrtIoBinding.GetBoundOutputValues"/> (outputs bound to pre-allocated values are also written there).
    /// </summary>
    /// <exception cref="OperationCanceledException">The token was cancelled before or during the run.</exception>
    public void RunWithBinding(OrtIoBinding binding, OrtRunOptions? runOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(binding);
        using var scope = new RunScope(Library, runOptions, cancellationToken);
        var status = Library.Api.RunWithBinding(Native, scope.Native, binding.Native);
        if (status != nint.Zero)
        {
            throw scope.Translate(OrtStatus.ToException(Library.Api, status));
        }
    }

    /// <summary>Releases the session, then its reference on the environment.</summary>
    public void Dispose()
    {
        Handle?.Dispose();
        if (_environmentReferenced)
        {
            _environmentReferenced = false;
            _environment.Handle.DangerousRelease();
        }
    }
}
