using FluxOnnx.Packaging;

namespace FluxOnnx.Tools.Comparison;

/// <summary>
/// Two packages cannot be compared tensor for tensor: they differ in variant, family, text lengths, latent space or
/// in whether the transformer takes guidance. Thrown before any session is created.
/// </summary>
public sealed class IncompatiblePackagesException : PackageException
{
    public IncompatiblePackagesException(string packageB, string property, string valueA, string valueB)
        : base(packageB, $"cannot be compared with package A: {property} is {valueB}, package A has {valueA}")
    {
        Property = property;
        ValueA = valueA;
        ValueB = valueB;
    }

    /// <summary>Manifest property that differs (e.g. <c>variant</c>, <c>text.t5</c>).</summary>
    public string Property { get; }

    /// <summary>Package A's value.</summary>
    public string ValueA { get; }

    /// <summary>Package B's value.</summary>
    public string ValueB { get; }
}
