using FluxOnnx.Runtime.Providers;
using FluxOnnx.Packaging;

namespace FluxOnnx.Pipeline;

/// <summary>
/// Refuses to run a quantized or bf16 package on an execution provider it was never verified on. Those
/// precisions rely on kernels whose coverage differs by provider (MatMulNBits, FLOAT8 DequantizeLinear, bf16
/// Cast folding); fp32 and fp16 graphs use only standard ops every provider implements, so they are allowed
/// anywhere. The manifest's <c>verified_providers</c> lists where the converter (or a user's run) verified it.
/// </summary>
public static class ProviderCompatibility
{
    /// <summary>Precisions built from standard ONNX ops only.</summary>
    public static IReadOnlyList<Precision> PortablePrecisions { get; } = [Precision.Fp32, Precision.Fp16];

    /// <summary>The manifest spelling of a provider (cpu, cuda, tensorrt, directml).</summary>
    public static string ManifestName(ExecutionProviderKind kind) => ExecutionProviderNames.Of(kind);

    /// <exception cref="UnverifiedProviderException">The package's precision was not verified on <paramref name="provider"/>.</exception>
    public static void Check(PackageManifest manifest, ExecutionProviderKind provider, bool allowUnverified)
    {
        var name = ManifestName(provider);
        if (allowUnverified || PortablePrecisions.Contains(manifest.Precision) || manifest.VerifiedProviders.Contains(name))
        {
            return;
        }
        throw new UnverifiedProviderException(manifest.Precision, name, manifest.VerifiedProviders);
    }
}
