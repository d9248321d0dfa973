namespace FluxOnnx.Ort.Native;

/// <summary>
/// The run options for one run plus its cancellation wiring. When the token can be cancelled, a registration calls
/// <c>RunOptionsSetTerminate</c> (on options created for this run if the caller gave none); a token that is already
/// cancelled sets the flag before the run starts, so ORT refuses to run. Disposal first removes the registration
/// (waiting for a callback in progress), then releases options it created, so the callback never sees freed options.
/// </summary>
internal sealed class RunScope : IDisposable
{
    private readonly OrtRunOptions? _owned;
    private readonly OrtRunOptions? _options;
    private readonly CancellationToken _token;
    private CancellationTokenRegistration _registration;
    private bool _terminatedByToken;

    public RunScope(OrtLibrary library, OrtRunOptions? options, CancellationToken token)
    {
        _token = token;
        _options = options;
        if (token.CanBeCanceled && options is null)
        {
            _owned = _options = new OrtRunOptions(library);
        }
        if (_options is not null)
        {
            // Pins the native options for the run; released in Dispose.
            var added = false;
            _options.Handle.DangerousAddRef(ref added);
        }
        if (token.CanBeCanceled)
        {
            _registration = token.Register(static state => ((RunScope)state!).Terminate(), this);
        }
    }

    /// <summary>The <c>OrtRunOptions*</c> to pass, or zero for ORT's defaults.</summary>
    public nint Native => _options?.Handle.DangerousGetHandle() ?? nint.Zero;

    /// <summary>
    /// The exception to throw for a failed run: cancellation when the token caused it (with ORT's error inside),
    /// otherwise the error itself.
    /// </summary>
    public Exception Translate(OrtException error) =>
        _token.IsCancellationRequested
            ? new OperationCanceledException("The ONNX Runtime run was cancelled.", error, _token)
            : error;

    private void Terminate()
    {
        _terminatedByToken = true;
        _options!.Terminate();
    }

    public void Dispose()
    {
        _registration.Dispose();
        if (_options is not null)
        {
            if (_terminatedByToken && _owned is null)
            {
                // The caller's options must not stay terminated because of our token.
                _options.ResetTerminate();
            }
            _options.Handle.DangerousRelease();
        }
        _owned?.Dispose();
    }
}
