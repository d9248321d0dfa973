using System.Xml.Linq;
using FluxOnnx.Tools.Tests.Models;
using Xunit;

namespace FluxOnnx.Tools.Tests.Layering;

/// <summary>
/// The project layering, read from every production csproj's ProjectReferences (the files themselves, not the built
/// assemblies, so a reference nobody uses yet still counts):
/// <code>
///   FluxOnnx.Package ◄── FluxOnnx.Graphs ◄── FluxOnnx.Converter ◄──┐
///          ▲                                                        ├── FluxOnnx.Tools ◄── FluxOnnx.Cli
///          └─────────────── FluxOnnx (runtime) ◄────────────────────┘
///                                  ▲
///                                  └── FluxOnnx.Serving ◄── FluxOnnx.Server ◄── FluxOnnx.Cli
/// </code>
/// </summary>
public sealed class LayeringTests
{
    private const string Package = "FluxOnnx.Package";
    private const string Graphs = "FluxOnnx.Graphs";
    private const string Converter = "FluxOnnx.Converter";
    private const string Runtime = "FluxOnnx";
    private const string Tools = "FluxOnnx.Tools";
    private const string Cli = "FluxOnnx.Cli";
    private const string Serving = "FluxOnnx.Serving";
    private const string Server = "FluxOnnx.Server";

    /// <summary>Every production project, by the folder that holds it.</summary>
    private static readonly Dictionary<string, string> Projects = new(StringComparer.Ordinal)
    {
        [Package] = "src/FluxOnnx.Package/FluxOnnx.Package.csproj",
        [Graphs] = "graphs/FluxOnnx.Graphs/FluxOnnx.Graphs.csproj",
        [Converter] = "converter/FluxOnnx.Converter/FluxOnnx.Converter.csproj",
        [Runtime] = "src/FluxOnnx/FluxOnnx.csproj",
        [Tools] = "src/FluxOnnx.Tools/FluxOnnx.Tools.csproj",
        [Cli] = "src/FluxOnnx.Cli/FluxOnnx.Cli.csproj",
        [Serving] = "src/FluxOnnx.Serving/FluxOnnx.Serving.csproj",
        [Server] = "src/FluxOnnx.Server/FluxOnnx.Server.csproj",
    };

    /// <summary>The project names a csproj references (file name without .csproj), in file order.</summary>
    private static string[] ReferencesOf(string project)
    {
        var document = XDocument.Load(Path.Combine(RepoRoot.Path, Projects[project]));
        return document.Descendants("ProjectReference")
            .Select(r => (string?)r.Attribute("Include") ?? "")
            .Select(include => Path.GetFileNameWithoutExtension(include.Replace('\\', '/')))
            .ToArray();
    }

    [Fact]
    public void Every_production_csproj_is_a_known_layer()
    {
        var found = new[] { "src", "graphs", "converter" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(RepoRoot.Path, folder), "*.csproj", SearchOption.AllDirectories))
            .Select(path => Path.GetRelativePath(RepoRoot.Path, path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
        Assert.Equal(Projects.Values.Order(StringComparer.Ordinal), found);
    }

    [Fact]
    public void The_package_contract_references_nothing()
    {
        Assert.Empty(ReferencesOf(Package));
    }

    [Fact]
    public void Graphs_reference_only_the_package_contract()
    {
        Assert.Equal([Package], ReferencesOf(Graphs));
    }

    [Fact]
    public void The_converter_references_neither_the_runtime_nor_the_tools()
    {
        var references = ReferencesOf(Converter);
        Assert.DoesNotContain(Runtime, references);
        Assert.DoesNotContain(Tools, references);
        Assert.DoesNotContain(Cli, references);
    }

    [Fact]
    public void The_runtime_references_neither_converter_nor_tools_nor_graphs()
    {
        var references = ReferencesOf(Runtime);
        Assert.DoesNotContain(Converter, references);
        Assert.DoesNotContain(Tools, references);
        Assert.DoesNotContain(Graphs, references);
        Assert.DoesNotContain(Cli, references);
    }

    [Fact]
    public void The_tools_reference_the_runtime_and_the_converter_and_nothing_above_them()
    {
        var references = ReferencesOf(Tools);
        Assert.Contains(Runtime, references);
        Assert.Contains(Converter, references);
        Assert.All(references, r => Assert.Contains(r, new[] { Runtime, Converter, Graphs, Package }));
    }

    [Fact]
    public void The_cli_references_runtime_converter_tools_and_server()
    {
        var references = ReferencesOf(Cli);
        Assert.Contains(Runtime, references);
        Assert.Contains(Converter, references);
        Assert.Contains(Tools, references);
        Assert.All(references, r => Assert.Contains(r, new[] { Runtime, Converter, Tools, Server, Graphs, Package }));
    }

    [Fact]
    public void The_image_service_references_only_the_runtime_and_the_server_only_the_service()
    {
        Assert.All(ReferencesOf(Serving), r => Assert.Contains(r, new[] { Runtime, Package }));
        Assert.Contains(Serving, ReferencesOf(Server));
        Assert.All(ReferencesOf(Server), r => Assert.Contains(r, new[] { Serving, Runtime, Package }));
    }
}
