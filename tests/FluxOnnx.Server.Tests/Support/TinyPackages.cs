using FluxOnnx.Tools.BuiltIn;
using FluxOnnx.Converter.Conversion;
using FluxOnnx.Converter.Tests.Conversion;
using Xunit;

namespace FluxOnnx.Server.Tests.Support;

/// <summary>
/// The packages the server tests serve, converted once per test run into a temp folder: the built-in tiny schnell
/// model (as <c>flux generate</c> without --package uses it), and on first use the fixture Fill, Kontext and Canny
/// models (<see cref="FixturePackage.Request"/>, the converter tests' request).
/// </summary>
public sealed class TinyPackages : IDisposable
{
    private readonly Lazy<string> _fill;
    private readonly Lazy<string> _kontext;
    private readonly Lazy<string> _canny;

    public TinyPackages()
    {
        Root = Directory.CreateTempSubdirectory("flux-serve-tests-").FullName;
        Schnell = BuiltInModel.EnsurePackage(Path.Combine(Root, "cache"));
        _fill = new(() => Convert("flux-tiny-fill", null));
        _kontext = new(() => Convert("flux-tiny-kontext", Variant.Kontext));
        _canny = new(() => Convert("flux-tiny-canny", Variant.Canny)); // weights cannot tell Canny from Depth
    }

    public string Root { get; }

    /// <summary>The built-in model's package (schnell, 256×256 and 4 steps by default, no guidance).</summary>
    public string Schnell { get; }

    public string Fill => _fill.Value;

    public string Kontext => _kontext.Value;

    public string Canny => _canny.Value;

    private string Convert(string model, Variant? variant)
    {
        var path = Path.Combine(Root, model);
        PackageConverter.Convert(FixturePackage.Request(path, model) with { Variant = variant });
        return path;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<TinyPackages>
{
    public const string Name = "server";
}
