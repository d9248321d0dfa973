using System.Text;
using FluxOnnx.Packaging;
using Xunit;

namespace FluxOnnx.Package.Tests;

/// <summary>The manifest's JSON is pinned byte for byte, and a bad manifest fails with a <see cref="PackageException"/> naming the file.</summary>
public sealed class PackageManifestJsonTests
{
    private const string Where = "/packages/x/manifest.json";

    [Fact]
    public void Serialize_writes_exactly_the_pinned_text()
    {
        Assert.Equal(KnownManifest.Json.ReplaceLineEndings("\n"), PackageManifestJson.Serialize(KnownManifest.Create()).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Write_puts_the_pinned_bytes_and_one_newline_on_disk_and_leaves_no_temporary_file()
    {
        using var dir = new TempFolder();
        var path = Path.Combine(dir.Path, PackageManifest.FileName);
        PackageManifestJson.Write(KnownManifest.Create(), path);
        var expected = Encoding.UTF8.GetBytes(KnownManifest.Json.ReplaceLineEndings(Environment.NewLine) + "\n");
        Assert.Equal(expected, File.ReadAllBytes(path));
        Assert.Equal([PackageManifest.FileName], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Parse_of_the_pinned_text_then_Serialize_gives_the_same_text()
    {
        var parsed = PackageManifestJson.Parse(KnownManifest.Json, Where);
        Assert.Equal(Variant.Schnell, parsed.Variant);
        Assert.Equal(new LatentSpace(16, 8, 0.3611, 0.1159), parsed.Latent);
        Assert.Equal(["batch", "img_tokens", "64"], parsed.Components["transformer"].Inputs[0].Shape);
        Assert.Equal(KnownManifest.Json.ReplaceLineEndings("\n"), PackageManifestJson.Serialize(parsed).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Unknown_member_is_refused_naming_the_file_and_the_member()
    {
        var json = KnownManifest.Json.Replace("\"family\": \"flux1\",", "\"family\": \"flux1\",\n  \"colour\": \"red\",");
        var e = Assert.Throws<PackageException>(() => PackageManifestJson.Parse(json, Where));
        Assert.Equal(Where, e.PackagePath);
        Assert.Contains("colour", e.Problem);
    }

    [Fact]
    public void Missing_member_is_refused_naming_the_member()
    {
        var json = KnownManifest.Json.Replace("  \"producer\": \"FluxOnnx 0.1.0\",\n", "");
        Assert.DoesNotContain("producer", json);
        var e = Assert.Throws<PackageException>(() => PackageManifestJson.Parse(json, Where));
        Assert.Equal(Where, e.PackagePath);
        Assert.Contains("producer", e.Problem);
    }

    [Fact]
    public void Null_for_a_non_nullable_member_is_refused()
    {
        var json = KnownManifest.Json.Replace("\"family\": \"flux1\"", "\"family\": null");
        var e = Assert.Throws<PackageException>(() => PackageManifestJson.Parse(json, Where));
        Assert.Contains("family", e.Problem);
    }

    [Fact]
    public void Malformed_json_and_json_null_are_refused()
    {
        var cut = Assert.Throws<PackageException>(() => PackageManifestJson.Parse(KnownManifest.Json[..200], Where));
        Assert.StartsWith("the manifest is not a valid FluxOnnx manifest", cut.Problem);
        var none = Assert.Throws<PackageException>(() => PackageManifestJson.Parse("null", Where));
        Assert.Equal("the manifest is JSON null", none.Problem);
        Assert.Equal($"{Where}: the manifest is JSON null", none.Message);
    }

    [Fact]
    public void Package_errors_are_FluxOnnx_errors()
    {
        Assert.True(typeof(FluxOnnxException).IsAssignableFrom(typeof(PackageException)));
        Assert.True(typeof(PackageException).IsAssignableFrom(typeof(PackageHashMismatchException)));
    }
}
