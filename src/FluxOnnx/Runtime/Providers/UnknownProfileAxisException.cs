namespace FluxOnnx.Runtime.Providers;

/// <summary>A component's manifest names a symbolic axis that <see cref="TensorRtProfiles"/> cannot size.</summary>
public sealed class UnknownProfileAxisException : FluxOnnxException
{
    public UnknownProfileAxisException(string role, string axis)
        : base($"Cannot build a TensorRT profile for component '{role}': its manifest has the symbolic axis '{axis}', which has no size rule (known: batch, img_tokens, txt_tokens, height, width, latent_height, latent_width).")
    {
        Role = role;
        Axis = axis;
    }

    public string Role { get; }

    public string Axis { get; }
}
