namespace FluxOnnx.Packaging;

/// <summary>
/// Constants of the autoencoder's latent space. The VAE graphs already take and return the diffusion-space
/// latent (z = scale · (mean − shift)); these are recorded for inspection and for foreign graphs.
/// </summary>
/// <param name="Channels">Latent channels (16 for BFL's ae).</param>
/// <param name="Downsample">Spatial reduction of the autoencoder (8).</param>
/// <param name="ScaleFactor">BFL AutoEncoderParams.scale_factor (0.3611 for ae).</param>
/// <param name="ShiftFactor">BFL AutoEncoderParams.shift_factor (0.1159 for ae).</param>
public sealed record LatentSpace(int Channels, int Downsample, double ScaleFactor, double ShiftFactor);
