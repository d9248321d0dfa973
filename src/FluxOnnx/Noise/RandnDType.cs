namespace FluxOnnx.Noise;

/// <summary>
/// The torch dtype whose <c>torch.randn</c> arithmetic <see cref="TorchRandn"/> emulates. Values are always returned
/// as float32; for <see cref="BFloat16"/> they are bf16-exact.
/// </summary>
public enum RandnDType
{
    /// <summary><c>torch.float32</c>, emulating torch's portable (non-AVX2) float kernel; see <see cref="TorchRandn"/>.</summary>
    Float32,

    /// <summary><c>torch.bfloat16</c>, what BFL's <c>get_noise</c> requests.</summary>
    BFloat16,
}
