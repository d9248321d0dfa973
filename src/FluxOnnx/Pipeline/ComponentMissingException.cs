using FluxOnnx.Packaging;

namespace FluxOnnx.Pipeline;

/// <summary>The package lacks a component (or tokenizer) the pipeline needs for its variant or for the request.</summary>
public sealed class ComponentMissingException : PackageException
{
    public ComponentMissingException(string packagePath, string role, IReadOnlyList<string> available)
        : base(packagePath, $"the pipeline needs component '{role}'; the package has: {string.Join(", ", available)}")
    {
        Role = role;
        Available = available;
    }

    /// <summary>The missing role (<see cref="ComponentRoles"/>) or tokenizer kind (<c>clip</c>, <c>t5</c>).</summary>
    public string Role { get; }

    /// <summary>What the package does have.</summary>
    public IReadOnlyList<string> Available { get; }
}
