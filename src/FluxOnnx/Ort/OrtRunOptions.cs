using FluxOnnx.Ort.Native;

namespace FluxOnnx.Ort;

/// <summary>
/// Owner of an <c>OrtRunOptions</c>, passed to <see cref="OrtSession.Run"/> and <see cref="OrtSession.RunWithBinding"/>.
/// <see cref="Terminate"/> may be called from any thread while a run that uses these options is in progress; the run
/// then fails. The flag stays set until <see cref="ResetTerminate"/>. Dispose only after every run using it returned.
/// </summary>
public sealed unsafe class OrtRunOptions : IDisposable
{
    public OrtRunOptions(OrtLibrary library)
    {
        ArgumentNullException.ThrowIfNull(library);
        Library = library;
        nint options;
        library.Check(library.Api.CreateRunOptions(&options));
        Handle = library.Own(options, OrtApiSlot.ReleaseRunOptions);
    }

    public OrtLibrary Library { get; }

    internal OrtHandle Handle { get; }

    internal nint Native
    {
        get
        {
            ObjectDisposedException.ThrowIf(Handle.IsClosed, this);
            return Handle.DangerousGetHandle();
        }
    }

    /// <summary>Asks runs using these options to stop as soon as possible (<c>RunOptionsSetTerminate</c>).</summary>
    public void Terminate() => Library.Check(Library.Api.RunOptionsSetTerminate(Native));

    /// <summary>Clears the terminate flag so the options can serve new runs.</summary>
    public void ResetTerminate() => Library.Check(Library.Api.RunOptionsUnsetTerminate(Native));

    public void SetLogSeverity(OrtLogLevel level) => Library.Check(Library.Api.RunOptionsSetRunLogSeverityLevel(Native, (int)level));

    /// <summary>Tag ORT puts on this run's log lines.</summary>
    public void SetTag(string tag)
    {
        fixed (byte* t = NativeText.Utf8(tag))
        {
            Library.Check(Library.Api.RunOptionsSetRunTag(Native, t));
        }
    }

    public void Dispose() => Handle.Dispose();
}
