namespace FluxOnnx.Packaging;

/// <summary>Component keys of <see cref="PackageManifest.Components"/>; they are also the package's folder names.</summary>
public static class ComponentRoles
{
    public const string Transformer = "transformer";
    /// <summary>CLIP-L text encoder (diffusers naming).</summary>
    public const string TextEncoder = "text_encoder";
    /// <summary>T5-XXL encoder (diffusers naming).</summary>
    public const string TextEncoder2 = "text_encoder_2";
    public const string VaeDecoder = "vae_decoder";
    public const string VaeEncoder = "vae_encoder";

    /// <summary>Every role, in pipeline order.</summary>
    public static IReadOnlyList<string> All { get; } = [TextEncoder, TextEncoder2, Transformer, VaeDecoder, VaeEncoder];
}
