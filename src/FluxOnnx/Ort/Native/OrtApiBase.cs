using System.Runtime.InteropServices;

namespace FluxOnnx.Ort.Native;

/// <summary>
/// The two-entry <c>OrtApiBase</c> struct returned by the exported <c>OrtGetApiBase</c>:
/// slot 0 <c>GetApi(uint32_t version)</c>, slot 1 <c>GetVersionString(void)</c>.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct OrtApiBase
{
    public delegate* unmanaged[Cdecl]<uint, nint> GetApi;
    public delegate* unmanaged[Cdecl]<byte*> GetVersionString;
}
