namespace FluxOnnx.Ort;

/// <summary>Where the ORT native library is and which C API version the binding asks it for.</summary>
/// <param name="LibraryPath">
/// Path of the shared library. Null means <see cref="OrtLibrary.DefaultFileName"/> in
/// <see cref="AppContext.BaseDirectory"/>, where the build copies the CPU library.
/// </param>
/// <param name="ApiVersion">
/// The <c>OrtApi</c> version requested from <c>GetApi</c>. The slot table in <c>Native/OrtApiSlot.cs</c> is valid for
/// any version from 13 (the last slot it uses) upward; the default is the version of the library the build ships.
/// </param>
public sealed record OrtLibrarySettings(string? LibraryPath = null, uint ApiVersion = OrtLibrarySettings.DefaultApiVersion)
{
    /// <summary>C API version of ORT 1.30, the library the build fetches.</summary>
    public const uint DefaultApiVersion = 30;
}
