using System.Globalization;
using FluxOnnx.Packaging;
using FluxOnnx.Pipeline;

namespace FluxOnnx.Tools.Comparison;

/// <summary>
/// The precondition of a comparison, read from the two manifests only: the same model (family and variant), the same
/// text lengths (so the same token ids feed both), the same latent space (so the same noise and decoder input) and
/// the same transformer guidance input. Precision, target and producer may differ — that is what is compared.
/// </summary>
public static class PackageCompatibility
{
    /// <exception cref="IncompatiblePackagesException">The first property that differs.</exception>
    public static void Check(ModelPackage a, ModelPackage b)
    {
        PackageManifest ma = a.Manifest, mb = b.Manifest;
        Same(b, "family", ma.Family, mb.Family);
        Same(b, "variant", ma.Variant.Name(), mb.Variant.Name());
        Same(b, "text.clip", ma.Text.Clip, mb.Text.Clip);
        Same(b, "text.t5", ma.Text.T5, mb.Text.T5);
        Same(b, "latent.channels", ma.Latent.Channels, mb.Latent.Channels);
        Same(b, "latent.downsample", ma.Latent.Downsample, mb.Latent.Downsample);
        Same(b, "transformer guidance input", HasGuidance(ma), HasGuidance(mb));
    }

    private static bool HasGuidance(PackageManifest m) =>
        m.Components.TryGetValue(ComponentRoles.Transformer, out var t) && t.Inputs.Any(i => i.Name == FluxIo.Guidance);

    private static void Same<T>(ModelPackage b, string property, T valueA, T valueB) where T : notnull
    {
        if (!EqualityComparer<T>.Default.Equals(valueA, valueB))
        {
            throw new IncompatiblePackagesException(b.Root, property,
                Convert.ToString(valueA, CultureInfo.InvariantCulture)!, Convert.ToString(valueB, CultureInfo.InvariantCulture)!);
        }
    }
}
