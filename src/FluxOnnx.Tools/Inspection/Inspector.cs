using FluxOnnx.Packaging;

namespace FluxOnnx.Tools.Inspection;

/// <summary>
/// Chooses what a path is (package folder, ONNX model, safetensors file or shard index) and inspects it.
/// The CLI's <c>flux inspect</c> renders the returned report.
/// </summary>
public static class Inspector
{
    /// <returns>A <see cref="PackageReport"/>, <see cref="OnnxModelReport"/> or <see cref="SafetensorsReport"/>.</returns>
    /// <exception cref="InspectionException">The path is missing or of an unknown kind.</exception>
    public static object Inspect(string path)
    {
        if (Directory.Exists(path))
        {
            return InspectPackage(path);
        }
        if (!File.Exists(path))
        {
            throw new InspectionException(path, "no such file or folder");
        }
        if (path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase))
        {
            return OnnxModelInspector.Inspect(path);
        }
        if (path.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".sft", StringComparison.OrdinalIgnoreCase)
            || path.EndsWith(".safetensors.index.json", StringComparison.OrdinalIgnoreCase))
        {
            return SafetensorsInspector.Inspect(path);
        }
        throw new InspectionException(path, "unknown file kind: expected a package folder, a .onnx model, a .safetensors file or a .safetensors.index.json");
    }

    /// <summary>Opens a package (validating its manifest) and inspects each graph.</summary>
    public static PackageReport InspectPackage(string folder)
    {
        var package = ModelPackage.Open(folder);
        var components = package.Manifest.Components.Keys
            .ToDictionary(role => role, role => OnnxModelInspector.Inspect(package.GraphPath(role)));
        var total = package.Manifest.Files.Keys
            .Sum(rel => new FileInfo(Path.Combine(package.Root, rel.Replace('/', Path.DirectorySeparatorChar))).Length);
        return new PackageReport(package.Root, package.Manifest, components, total);
    }
}
