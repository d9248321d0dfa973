using FluxOnnx.Ort;
using Xunit;

namespace FluxOnnx.Tests.Ort;

[Collection(OrtCollection.Name)]
public sealed class OrtLibraryTests
{
    private readonly OrtFixture _ort;

    public OrtLibraryTests(OrtFixture ort) => _ort = ort;

    [Fact]
    public void Default_load_finds_the_shipped_1_30_library_and_its_api_table()
    {
        Assert.Equal("1.30.0", _ort.Library.VersionString);
        Assert.Equal(30u, _ort.Library.ApiVersion);
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, OrtLibrary.DefaultFileName), _ort.Library.LibraryPath);
        Assert.Same(_ort.Library, OrtLibrary.Load());
    }

    [Fact]
    public void Available_providers_list_gpu_providers_whose_libraries_are_missing()
    {
        var providers = _ort.Library.GetAvailableProviders();

        // The npm CPU build lists CUDA and TensorRT although their provider libraries are not shipped: only
        // appending tells (see ExecutionProviderTests).
        Assert.Contains("CUDAExecutionProvider", providers);
        Assert.Contains("TensorrtExecutionProvider", providers);
        Assert.Equal("CPUExecutionProvider", providers[^1]);
    }

    [Fact]
    public void Missing_library_file_throws_not_found_naming_the_path()
    {
        var path = Path.Combine(_ort.Directory, "no-such-libonnxruntime.so");

        var error = Assert.Throws<OrtLibraryNotFoundException>(() => OrtLibrary.Load(new OrtLibrarySettings(path)));

        Assert.Equal(path, error.LibraryPath);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void File_that_is_not_a_library_throws_load_exception_naming_the_path()
    {
        var path = Path.Combine(_ort.Directory, "not-a-library.so");
        File.WriteAllText(path, "plain text");

        var error = Assert.Throws<OrtLibraryLoadException>(() => OrtLibrary.Load(new OrtLibrarySettings(path)));

        Assert.Equal(path, error.LibraryPath);
        Assert.Contains(path, error.Message);
        Assert.NotEmpty(error.Detail);
    }

    [Fact]
    public void Api_version_the_library_lacks_throws_with_wanted_and_actual_versions()
    {
        var settings = new OrtLibrarySettings(_ort.Library.LibraryPath, ApiVersion: 999);

        var error = Assert.Throws<OrtApiVersionException>(() => OrtLibrary.Load(settings));

        Assert.Equal(999u, error.RequestedApiVersion);
        Assert.Equal("1.30.0", error.LibraryVersion);
        Assert.Equal(_ort.Library.LibraryPath, error.LibraryPath);
    }
}
