using FluxOnnx.Packaging;

namespace FluxOnnx.Pipeline;

/// <summary>
/// A component's graph inputs or outputs (as recorded in the manifest, or as the loaded session reports them) do not
/// match what the pipeline binds: a required name is missing, an unknown input would stay unbound, or a tensor has
/// the wrong element type or a fixed dimension the pipeline cannot feed.
/// </summary>
public sealed class ComponentSignatureException : PackageException
{
    public ComponentSignatureException(string packagePath, string role, string direction, string expected, string actual)
        : base(packagePath, $"component '{role}' {direction}: expected {expected}, found {actual}")
    {
        Role = role;
        Direction = direction;
        Expected = expected;
        Actual = actual;
    }

    /// <summary>The component role (<see cref="ComponentRoles"/>).</summary>
    public string Role { get; }

    /// <summary><c>inputs</c> or <c>outputs</c>, or <c>input 'name'</c> / <c>output 'name'</c> for a per-tensor problem.</summary>
    public string Direction { get; }

    /// <summary>What the pipeline needs (names, element type or dimension).</summary>
    public string Expected { get; }

    /// <summary>What the component has.</summary>
    public string Actual { get; }
}
