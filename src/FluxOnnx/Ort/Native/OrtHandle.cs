using System.Runtime.InteropServices;

namespace FluxOnnx.Ort.Native;

/// <summary>
/// Owner of one native ORT object. Releasing calls the object's <c>Release*</c> function from the OrtApi table
/// (every one of them takes a single pointer and returns nothing), exactly once, even when the managed owner is
/// finalized instead of disposed. Users of the raw pointer hold <see cref="SafeHandle.DangerousAddRef"/> for the
/// duration of a native call when another thread could dispose the owner.
/// </summary>
internal sealed unsafe class OrtHandle : SafeHandle
{
    private readonly nint _release;

    /// <param name="native">The pointer ORT returned; the handle takes ownership of it.</param>
    /// <param name="release">The <c>Release*</c> function for this kind of object.</param>
    public OrtHandle(nint native, nint release)
        : base(nint.Zero, ownsHandle: true)
    {
        _release = release;
        SetHandle(native);
    }

    public override bool IsInvalid => handle == nint.Zero;

    protected override bool ReleaseHandle()
    {
        ((delegate* unmanaged[Cdecl]<nint, void>)_release)(handle);
        return true;
    }
}
