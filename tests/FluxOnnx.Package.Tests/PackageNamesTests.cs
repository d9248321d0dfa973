using System.Text.Json;
using FluxOnnx.Packaging;
using Xunit;

namespace FluxOnnx.Package.Tests;

/// <summary>
/// Every <see cref="Variant"/>, <see cref="Precision"/> and <see cref="Target"/> value against the exact lower-case
/// name manifests and the command line have always used, both through <see cref="PackageNames"/> and through the
/// manifest JSON.
/// </summary>
public sealed class PackageNamesTests
{
    public static TheoryData<Variant, string> Variants => new()
    {
        { Variant.Schnell, "schnell" }, { Variant.Dev, "dev" }, { Variant.Fill, "fill" }, { Variant.Canny, "canny" },
        { Variant.Depth, "depth" }, { Variant.Kontext, "kontext" }, { Variant.Redux, "redux" },
    };

    public static TheoryData<Precision, string> Precisions => new()
    {
        { Precision.Fp32, "fp32" }, { Precision.Fp16, "fp16" }, { Precision.Bf16, "bf16" },
        { Precision.Fp8, "fp8" }, { Precision.Int8, "int8" }, { Precision.Int4, "int4" },
    };

    public static TheoryData<Target, string> Targets => new()
    {
        { Target.Cpu, "cpu" }, { Target.Cuda, "cuda" }, { Target.DirectMl, "directml" }, { Target.TensorRt, "tensorrt" },
    };

    [Fact]
    public void The_name_lists_hold_every_value_in_declaration_order()
    {
        Assert.Equal(["schnell", "dev", "fill", "canny", "depth", "kontext", "redux"], PackageNames.Variants);
        Assert.Equal(["fp32", "fp16", "bf16", "fp8", "int8", "int4"], PackageNames.Precisions);
        Assert.Equal(["cpu", "cuda", "directml", "tensorrt"], PackageNames.Targets);
        Assert.Equal(7, Enum.GetValues<Variant>().Length);
        Assert.Equal(6, Enum.GetValues<Precision>().Length);
        Assert.Equal(4, Enum.GetValues<Target>().Length);
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void A_variant_round_trips_through_its_name_and_the_manifest(Variant variant, string name)
    {
        Assert.Equal(name, variant.Name());
        Assert.True(PackageNames.TryParse(name, out Variant parsed));
        Assert.Equal(variant, parsed);
        Assert.Equal(variant, RoundTrip(KnownManifest.Create() with { Variant = variant }, "variant", name).Variant);
    }

    [Theory]
    [MemberData(nameof(Precisions))]
    public void A_precision_round_trips_through_its_name_and_the_manifest(Precision precision, string name)
    {
        Assert.Equal(name, precision.Name());
        Assert.True(PackageNames.TryParse(name, out Precision parsed));
        Assert.Equal(precision, parsed);
        Assert.Equal(precision, RoundTrip(KnownManifest.Create() with { Precision = precision }, "precision", name).Precision);
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void A_target_round_trips_through_its_name_and_the_manifest(Target target, string name)
    {
        Assert.Equal(name, target.Name());
        Assert.True(PackageNames.TryParse(name, out Target parsed));
        Assert.Equal(target, parsed);
        Assert.Equal(target, RoundTrip(KnownManifest.Create() with { Target = target }, "target", name).Target);
    }

    [Theory]
    [InlineData("Int8")]
    [InlineData("INT8")]
    [InlineData(" int8")]
    [InlineData("Int8Blocks")]
    [InlineData("4")]
    [InlineData("")]
    [InlineData(null)]
    public void Parsing_is_exact(string? name)
    {
        Assert.False(PackageNames.TryParse(name, out Precision precision));
        Assert.Equal(Precision.Fp32, precision);
    }

    [Fact]
    public void A_number_outside_the_enum_has_no_name()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ((Precision)42).Name());
        Assert.Equal("precision", e.ParamName);
    }

    private static PackageManifest RoundTrip(PackageManifest manifest, string member, string name)
    {
        var json = PackageManifestJson.Serialize(manifest);
        Assert.Contains($"\n  \"{member}\": \"{name}\",", json.ReplaceLineEndings("\n"));
        return PackageManifestJson.Parse(json, "/p/manifest.json");
    }
}
