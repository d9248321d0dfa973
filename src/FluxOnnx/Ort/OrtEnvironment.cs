using FluxOnnx.Ort.Native;

namespace FluxOnnx.Ort;

/// <summary>
/// Owner of an <c>OrtEnv</c>, which sessions need. ORT keeps one environment per process: the first creation fixes
/// its log level and id, later creations return the same native object (reference counted) and their level and id
/// are ignored. Each instance's <see cref="OrtEnvironmentSettings.Logger"/> still receives every message while the
/// instance lives, because all environments log through one binding trampoline. Sessions keep the native
/// environment alive until they are disposed, even if this owner is disposed first.
/// </summary>
public sealed unsafe class OrtEnvironment : IDisposable
{
    private readonly Action<OrtLogLevel, string, string>? _logger;

    public OrtEnvironment(OrtLibrary library, OrtEnvironmentSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(library);
        settings ??= new OrtEnvironmentSettings();
        Library = library;
        var logId = NativeText.Utf8(settings.LogId);
        nint env;
        fixed (byte* id = logId)
        {
            library.Check(library.Api.CreateEnvWithCustomLogger(
                OrtLogRouter.FunctionPointer, nint.Zero, (int)settings.LogLevel, id, &env));
        }
        Handle = library.Own(env, OrtApiSlot.ReleaseEnv);
        _logger = settings.Logger;
        if (_logger is not null)
        {
            OrtLogRouter.Add(_logger);
        }
    }

    public OrtLibrary Library { get; }

    internal OrtHandle Handle { get; }

    /// <summary>Stops this instance's logger and releases its reference to the native environment.</summary>
    public void Dispose()
    {
        if (_logger is not null)
        {
            OrtLogRouter.Remove(_logger);
        }
        Handle.Dispose();
    }
}
