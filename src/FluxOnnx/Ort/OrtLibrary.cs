using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using FluxOnnx.Ort.Native;

namespace FluxOnnx.Ort;

/// <summary>
/// A loaded ONNX Runtime native library and its C API function table. Every other binding type is created
/// from one. A library is never unloaded (ORT keeps process-wide state and threads), so an instance stays valid
/// for the life of the process; loading the same path and API version again returns the same instance.
/// </summary>
public sealed unsafe class OrtLibrary
{
    private static readonly ConcurrentDictionary<(string Path, uint Version), OrtLibrary> Loaded = new();
    private static readonly object LoadLock = new();

    private readonly Lazy<nint> _cpuMemoryInfo;

    private OrtLibrary(string path, uint apiVersion, string versionString, nint apiTable)
    {
        LibraryPath = path;
        ApiVersion = apiVersion;
        VersionString = versionString;
        Api = new OrtApi(apiTable);
        _cpuMemoryInfo = new Lazy<nint>(CreateCpuMemoryInfo, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The platform's file name for ORT: <c>onnxruntime.dll</c>, <c>libonnxruntime.1.dylib</c> or <c>libonnxruntime.so.1</c>.</summary>
    public static string DefaultFileName =>
        OperatingSystem.IsWindows() ? "onnxruntime.dll"
        : OperatingSystem.IsMacOS() ? "libonnxruntime.1.dylib"
        : "libonnxruntime.so.1";

    /// <summary>Full path the library was loaded from.</summary>
    public string LibraryPath { get; }

    /// <summary>The C API version whose table is in use.</summary>
    public uint ApiVersion { get; }

    /// <summary>The library's version, e.g. <c>1.30.0</c>.</summary>
    public string VersionString { get; }

    internal OrtApi Api { get; }

    /// <summary>An <c>OrtMemoryInfo</c> for CPU memory, created on first use and kept for the process lifetime.</summary>
    internal nint CpuMemoryInfo => _cpuMemoryInfo.Value;

    /// <summary>
    /// Loads the library named by <paramref name="settings"/> (default: <see cref="DefaultFileName"/> beside the
    /// application) and fetches its function table with <c>OrtGetApiBase()->GetApi(version)</c>.
    /// </summary>
    /// <exception cref="OrtLibraryNotFoundException">No file at the path.</exception>
    /// <exception cref="OrtLibraryLoadException">The loader refused the file or it lacks <c>OrtGetApiBase</c>.</exception>
    /// <exception cref="OrtApiVersionException">The library does not offer the requested API version.</exception>
    public static OrtLibrary Load(OrtLibrarySettings? settings = null)
    {
        settings ??= new OrtLibrarySettings();
        var path = Path.GetFullPath(settings.LibraryPath ?? Path.Combine(AppContext.BaseDirectory, DefaultFileName));
        var key = (path, settings.ApiVersion);
        if (Loaded.TryGetValue(key, out var existing))
        {
            return existing;
        }
        lock (LoadLock)
        {
            return Loaded.TryGetValue(key, out existing) ? existing : Loaded[key] = LoadUncached(path, settings.ApiVersion);
        }
    }

    private static OrtLibrary LoadUncached(string path, uint apiVersion)
    {
        if (!File.Exists(path))
        {
            throw new OrtLibraryNotFoundException(path);
        }
        nint module;
        try
        {
            module = NativeLibrary.Load(path);
        }
        catch (DllNotFoundException e)
        {
            throw new OrtLibraryLoadException(path, e.Message, e);
        }
        catch (BadImageFormatException e)
        {
            throw new OrtLibraryLoadException(path, e.Message, e);
        }
        if (!NativeLibrary.TryGetExport(module, "OrtGetApiBase", out var getApiBase))
        {
            throw new OrtLibraryLoadException(path, "the library does not export OrtGetApiBase");
        }
        var apiBase = ((delegate* unmanaged[Cdecl]<OrtApiBase*>)getApiBase)();
        if (apiBase == null)
        {
            throw new OrtLibraryLoadException(path, "OrtGetApiBase returned null");
        }
        var versionString = NativeText.FromUtf8(apiBase->GetVersionString());
        var table = apiBase->GetApi(apiVersion);
        if (table == nint.Zero)
        {
            throw new OrtApiVersionException(path, apiVersion, versionString);
        }
        return new OrtLibrary(path, apiVersion, versionString, table);
    }

    /// <summary>
    /// Execution providers compiled into this library, in ORT's preference order (e.g.
    /// <c>CUDAExecutionProvider</c>, <c>CPUExecutionProvider</c>). A listed provider may still fail to append:
    /// the GPU builds list CUDA and TensorRT even when their shared libraries or drivers are missing, so only
    /// appending one (<see cref="OrtSessionOptions.AppendExecutionProvider"/>) tells whether it works.
    /// </summary>
    public IReadOnlyList<string> GetAvailableProviders()
    {
        nint names;
        int count;
        OrtStatus.ThrowIfFailed(Api, Api.GetAvailableProviders(&names, &count));
        try
        {
            var result = new string[count];
            for (var i = 0; i < count; i++)
            {
                result[i] = NativeText.FromUtf8(((byte**)names)[i]);
            }
            return result;
        }
        finally
        {
            OrtStatus.ThrowIfFailed(Api, Api.ReleaseAvailableProviders(names, count));
        }
    }

    /// <summary>The process-wide default CPU allocator; ORT owns it and it must not be released.</summary>
    internal nint DefaultAllocator()
    {
        nint allocator;
        OrtStatus.ThrowIfFailed(Api, Api.GetAllocatorWithDefaultOptions(&allocator));
        return allocator;
    }

    private nint CreateCpuMemoryInfo()
    {
        const int arenaAllocator = 1; // OrtArenaAllocator
        const int memTypeDefault = 0; // OrtMemTypeDefault
        nint info;
        OrtStatus.ThrowIfFailed(Api, Api.CreateCpuMemoryInfo(arenaAllocator, memTypeDefault, &info));
        return info;
    }

    internal OrtHandle Own(nint native, int releaseSlot) => new(native, Api.ReleaseFunction(releaseSlot));

    internal void Check(nint status) => OrtStatus.ThrowIfFailed(Api, status);
}
