using FluxOnnx.Packaging;
using Xunit;

namespace FluxOnnx.Package.Tests;

/// <summary>Opening a package checks its folder, format version, listed files and paths; hashes are checked on request.</summary>
public sealed class ModelPackageTests
{
    /// <summary>SHA-256 of the three bytes "abc" (FIPS 180-2, appendix B.1).</summary>
    private const string AbcSha256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    private static string WritePackage(TempFolder dir, Func<PackageManifest, PackageManifest>? edit = null)
    {
        Directory.CreateDirectory(Path.Combine(dir.Path, "transformer"));
        File.WriteAllText(Path.Combine(dir.Path, "transformer", "model.onnx"), "abc");
        var manifest = KnownManifest.Create() with { Files = new Dictionary<string, string> { ["transformer/model.onnx"] = AbcSha256 } };
        PackageManifestJson.Write(edit?.Invoke(manifest) ?? manifest, Path.Combine(dir.Path, PackageManifest.FileName));
        return dir.Path;
    }

    [Fact]
    public void FileHashing_gives_the_published_sha256_of_abc()
    {
        using var dir = new TempFolder();
        var path = Path.Combine(dir.Path, "abc.bin");
        File.WriteAllText(path, "abc");
        Assert.Equal(AbcSha256, FileHashing.Sha256Hex(path));
    }

    [Fact]
    public void Open_reads_the_manifest_and_resolves_paths_inside_the_folder()
    {
        using var dir = new TempFolder();
        var package = ModelPackage.Open(WritePackage(dir));
        Assert.Equal(Path.GetFullPath(dir.Path), package.Root);
        Assert.True(package.Has(ComponentRoles.Transformer));
        Assert.False(package.Has(ComponentRoles.VaeDecoder));
        Assert.Equal(Path.Combine(package.Root, "transformer", "model.onnx"), package.GraphPath(ComponentRoles.Transformer));
        Assert.Equal(Path.Combine(package.Root, "tokenizer_2"), package.TokenizerPath("t5"));
        package.VerifyHashes();
    }

    [Fact]
    public void Missing_folder_and_missing_manifest_are_named()
    {
        using var dir = new TempFolder();
        var nowhere = Path.Combine(dir.Path, "nowhere");
        var e = Assert.Throws<PackageException>(() => ModelPackage.Open(nowhere));
        Assert.Equal((nowhere, "no such package folder"), (e.PackagePath, e.Problem));
        var empty = Assert.Throws<PackageException>(() => ModelPackage.Open(dir.Path));
        Assert.Equal("not a FluxOnnx package: manifest.json is missing", empty.Problem);
    }

    [Fact]
    public void Unknown_format_version_is_refused()
    {
        using var dir = new TempFolder();
        var e = Assert.Throws<PackageException>(() => ModelPackage.Open(WritePackage(dir, m => m with { FormatVersion = 2 })));
        Assert.Equal(Path.Combine(dir.Path, "manifest.json"), e.PackagePath);
        Assert.Equal("format_version 2 is not supported (this build reads 1)", e.Problem);
    }

    [Fact]
    public void A_listed_file_that_is_missing_is_named()
    {
        using var dir = new TempFolder();
        var folder = WritePackage(dir, m => m with
        {
            Files = new Dictionary<string, string> { ["transformer/model.onnx"] = AbcSha256, ["transformer/model.onnx.data"] = AbcSha256 },
        });
        var e = Assert.Throws<PackageException>(() => ModelPackage.Open(folder));
        Assert.Equal(Path.Combine(dir.Path, "transformer", "model.onnx.data"), e.PackagePath);
        Assert.Equal("listed in the manifest but missing from the package", e.Problem);
    }

    [Fact]
    public void A_path_outside_the_package_is_refused()
    {
        using var dir = new TempFolder();
        var folder = WritePackage(dir, m => m with { Files = new Dictionary<string, string> { ["../escape"] = AbcSha256 } });
        var e = Assert.Throws<PackageException>(() => ModelPackage.Open(folder));
        Assert.Equal("path '../escape' points outside the package", e.Problem);
    }

    [Fact]
    public void A_component_not_in_the_file_list_is_refused()
    {
        using var dir = new TempFolder();
        var folder = WritePackage(dir, m => m with { Files = new Dictionary<string, string>() });
        var e = Assert.Throws<PackageException>(() => ModelPackage.Open(folder));
        Assert.Equal("component 'transformer' names transformer/model.onnx, which the manifest's file list lacks", e.Problem);
    }

    [Fact]
    public void Missing_component_and_tokenizer_are_named()
    {
        using var dir = new TempFolder();
        var package = ModelPackage.Open(WritePackage(dir));
        var c = Assert.Throws<PackageException>(() => package.Component(ComponentRoles.VaeDecoder));
        Assert.Equal("the package has no 'vae_decoder' component (it has: transformer)", c.Problem);
        var t = Assert.Throws<PackageException>(() => package.TokenizerPath("byt5"));
        Assert.Equal("the package has no 'byt5' tokenizer", t.Problem);
    }

    [Fact]
    public void VerifyHashes_names_the_altered_file_with_both_hashes()
    {
        using var dir = new TempFolder();
        var package = ModelPackage.Open(WritePackage(dir));
        File.WriteAllText(Path.Combine(dir.Path, "transformer", "model.onnx"), "abd");
        var e = Assert.Throws<PackageHashMismatchException>(() => package.VerifyHashes());
        Assert.Equal(Path.Combine(package.Root, "transformer", "model.onnx"), e.PackagePath);
        Assert.Equal(AbcSha256, e.ExpectedSha256);
        Assert.NotEqual(AbcSha256, e.ActualSha256);
        Assert.Equal(64, e.ActualSha256.Length);
    }
}
