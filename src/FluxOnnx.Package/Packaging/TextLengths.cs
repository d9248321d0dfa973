namespace FluxOnnx.Packaging;

/// <summary>Token counts the text encoders were exported with; the runtime pads/truncates to exactly these.</summary>
/// <param name="Clip">CLIP sequence length (77).</param>
/// <param name="T5">T5 sequence length (256 for schnell, 512 for dev, 128 for Fill's reference CLI).</param>
public sealed record TextLengths(int Clip, int T5);
