using System.Runtime.InteropServices;
using System.Text;

namespace FluxOnnx.Ort.Native;

/// <summary>
/// Text crossing the ORT boundary: names and keys are NUL-terminated UTF-8; file paths are <c>ORTCHAR_T</c>,
/// which is UTF-16 <c>wchar_t</c> on Windows and UTF-8 <c>char</c> elsewhere.
/// </summary>
internal static unsafe class NativeText
{
    /// <summary>A NUL-terminated UTF-8 copy of <paramref name="text"/>, to be pinned for one native call.</summary>
    public static byte[] Utf8(string text)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(text) + 1];
        Encoding.UTF8.GetBytes(text, bytes);
        return bytes;
    }

    /// <summary>A NUL-terminated <c>ORTCHAR_T</c> copy of <paramref name="path"/>, to be pinned for one native call.</summary>
    public static byte[] OrtPath(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            return Utf8(path);
        }
        var bytes = new byte[(path.Length + 1) * sizeof(char)];
        MemoryMarshal.AsBytes(path.AsSpan()).CopyTo(bytes);
        return bytes;
    }

    /// <summary>Decodes a NUL-terminated UTF-8 string that ORT owns; null becomes the empty string.</summary>
    public static string FromUtf8(byte* text) =>
        text == null ? string.Empty : Marshal.PtrToStringUTF8((nint)text) ?? string.Empty;

    /// <summary>
    /// Decodes a NUL-terminated UTF-8 string that ORT allocated with the default allocator, then frees it there.
    /// </summary>
    public static string TakeFromDefaultAllocator(OrtApi api, nint allocator, nint text)
    {
        if (text == nint.Zero)
        {
            return string.Empty;
        }
        try
        {
            return FromUtf8((byte*)text);
        }
        finally
        {
            OrtStatus.ThrowIfFailed(api, api.AllocatorFree(allocator, (void*)text));
        }
    }
}
