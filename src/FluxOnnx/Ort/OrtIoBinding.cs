using FluxOnnx.Ort.Native;

namespace FluxOnnx.Ort;

/// <summary>
/// Owner of an <c>OrtIoBinding</c>: inputs and outputs bound by name once and reused over several
/// <see cref="OrtSession.RunWithBinding"/> calls. Bound values are referenced, not copied: a value bound with
/// <see cref="BindInput"/> or <see cref="BindOutput"/> must stay undisposed (and its memory pinned, which
/// <see cref="OrtValue"/> guarantees) until it is cleared or the binding is disposed. Holds a reference on the
/// session's native object until disposed.
/// </summary>
public sealed unsafe class OrtIoBinding : IDisposable
{
    private readonly OrtSession _session;
    private readonly OrtHandle _handle;

    // Bound wrappers stay reachable so a forgotten reference cannot let the finalizer unpin memory ORT still uses.
    private readonly Dictionary<string, OrtValue> _boundInputs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OrtValue> _boundOutputs = new(StringComparer.Ordinal);
    private bool _sessionReferenced;

    internal OrtIoBinding(OrtSession session)
    {
        _session = session;
        Library = session.Library;
        var sessionNative = session.Native;
        nint binding;
        Library.Check(Library.Api.CreateIoBinding(sessionNative, &binding));
        _handle = Library.Own(binding, OrtApiSlot.ReleaseIoBinding);
        session.Handle!.DangerousAddRef(ref _sessionReferenced);
    }

    public OrtLibrary Library { get; }

    internal nint Native
    {
        get
        {
            ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
            return _handle.DangerousGetHandle();
        }
    }

    /// <summary>Binds graph input <paramref name="name"/> to <paramref name="value"/> (replacing an earlier binding).</summary>
    public void BindInput(string name, OrtValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        fixed (byte* n = NativeText.Utf8(name))
        {
            Library.Check(Library.Api.BindInput(Native, n, value.Native));
        }
        _boundInputs[name] = value;
    }

    /// <summary>Binds graph output <paramref name="name"/> to a pre-allocated value of the right type and shape; runs write into it.</summary>
    public void BindOutput(string name, OrtValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        fixed (byte* n = NativeText.Utf8(name))
        {
            Library.Check(Library.Api.BindOutput(Native, n, value.Native));
        }
        _boundOutputs[name] = value;
    }

    /// <summary>Binds graph output <paramref name="name"/> to CPU memory that ORT allocates during each run (any shape).</summary>
    public void BindOutputToCpu(string name)
    {
        fixed (byte* n = NativeText.Utf8(name))
        {
            Library.Check(Library.Api.BindOutputToDevice(Native, n, Library.CpuMemoryInfo));
        }
        _boundOutputs.Remove(name);
    }

    public void ClearBoundInputs()
    {
        Library.Api.ClearBoundInputs(Native);
        _boundInputs.Clear();
    }

    public void ClearBoundOutputs()
    {
        Library.Api.ClearBoundOutputs(Native);
        _boundOutputs.Clear();
    }

    /// <summary>Names of the bound outputs, in binding order.</summary>
    public IReadOnlyList<string> GetBoundOutputNames()
    {
        var allocator = Library.DefaultAllocator();
        byte* buffer;
        nuint* lengths;
        nuint count;
        Library.Check(Library.Api.GetBoundOutputNames(Native, allocator, &buffer, &lengths, &count));
        if (count == 0)
        {
            return Array.Empty<string>();
        }
        try
        {
            // One buffer holds all names back to back, without terminators.
            var names = new string[(int)count];
            var offset = 0;
            for (var i = 0; i < names.Length; i++)
            {
                var length = checked((int)lengths[i]);
                names[i] = System.Text.Encoding.UTF8.GetString(buffer + offset, length);
                offset += length;
            }
            return names;
        }
        finally
        {
            Library.Check(Library.Api.AllocatorFree(allocator, buffer));
            Library.Check(Library.Api.AllocatorFree(allocator, lengths));
        }
    }

    /// <summary>
    /// The bound outputs after a run, in binding order. Each is a new owner of the output tensor (for outputs bound to
    /// a pre-allocated value it shares that value's memory); the returned collection must be disposed.
    /// </summary>
    public OrtRunOutputs GetBoundOutputValues()
    {
        var names = GetBoundOutputNames();
        var allocator = Library.DefaultAllocator();
        nint* values;
        nuint count;
        Library.Check(Library.Api.GetBoundOutputValues(Native, allocator, &values, &count));
        if (count == 0)
        {
            return new OrtRunOutputs(Array.Empty<string>(), Array.Empty<OrtValue>());
        }
        try
        {
            var owned = new OrtValue[(int)count];
            for (var i = 0; i < owned.Length; i++)
            {
                owned[i] = OrtValue.FromOwned(Library, values[i]);
            }
            return new OrtRunOutputs(names, owned);
        }
        finally
        {
            Library.Check(Library.Api.AllocatorFree(allocator, values));
        }
    }

    /// <summary>Releases the binding, then its reference on the session.</summary>
    public void Dispose()
    {
        _handle.Dispose();
        _boundInputs.Clear();
        _boundOutputs.Clear();
        if (_sessionReferenced)
        {
            _sessionReferenced = false;
            _session.Handle!.DangerousRelease();
        }
    }
}
