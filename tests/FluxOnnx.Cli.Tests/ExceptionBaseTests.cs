using System.Reflection;
using Xunit;

namespace FluxOnnx.Cli.Tests;

/// <summary>
/// Every exception type FluxOnnx defines derives from FluxOnnxException, so the CLI (and any caller) can tell the
/// library's typed errors from bugs by type alone. Loads every FluxOnnx assembly beside the tests (the CLI
/// references all the others).
/// </summary>
public sealed class ExceptionBaseTests
{
    private static IReadOnlyList<Assembly> FluxOnnxAssemblies() =>
        Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll")
            .Where(p => Path.GetFileName(p) is var name && (name.StartsWith("FluxOnnx", StringComparison.Ordinal) || name == "flux.dll")
                && !name.EndsWith(".Tests.dll", StringComparison.Ordinal))
            .Select(p => Assembly.LoadFrom(p))
            .ToList();

    [Fact]
    public void The_assemblies_of_every_layer_are_found()
    {
        var names = FluxOnnxAssemblies().Select(a => a.GetName().Name).ToHashSet();
        Assert.Superset(new HashSet<string?> { "FluxOnnx.Package", "FluxOnnx.Graphs", "FluxOnnx.Converter", "FluxOnnx", "flux" }, names);
    }

    [Fact]
    public void Every_exception_type_derives_from_FluxOnnxException()
    {
        var offenders = FluxOnnxAssemblies()
            .SelectMany(a => a.GetTypes())
            .Where(t => typeof(Exception).IsAssignableFrom(t) && !typeof(FluxOnnxException).IsAssignableFrom(t))
            .Select(t => t.FullName)
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Empty(offenders);
    }
}
