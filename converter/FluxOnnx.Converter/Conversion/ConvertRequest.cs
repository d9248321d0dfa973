namespace FluxOnnx.Converter.Conversion;

/// <summary>
/// What <c>flux convert</c> asks for: which checkpoints hold which component, how to build the graphs, and
/// where the package goes. Each component path may be a file or a folder; <see cref="Diffusers"/> names a whole
/// diffusers model folder and fills in every component not given explicitly.
/// </summary>
/// <param name="Output">Package folder to create. It must not exist yet unless <paramref name="Overwrite"/>.</param>
/// <param name="Transformer">FLUX transformer checkpoint (BFL file, diffusers folder, ComfyUI file).</param>
/// <param name="TransformerConfig">BFL-style params JSON (like flux_params.json) overriding config discovery.</param>
/// <param name="T5">T5 encoder checkpoint (HF folder, diffusers text_encoder_2, ComfyUI t5xxl file).</param>
/// <param name="Clip">CLIP text encoder checkpoint (HF folder, diffusers text_encoder, ComfyUI clip_l file).</param>
/// <param name="Ae">Autoencoder checkpoint (BFL ae.safetensors, diffusers vae folder).</param>
/// <param name="AeConfig">BFL-style autoencoder params JSON (like ae_params.json).</param>
/// <param name="ClipTokenizer">Folder with CLIP's vocab.json and merges.txt, copied into the package.</param>
/// <param name="T5Tokenizer">Folder with T5's spiece.model, copied into the package.</param>
/// <param name="Diffusers">A diffusers model folder (model_index.json with transformer/, text_encoder/, ...).</param>
/// <param name="Target">Execution target the graphs are optimized for.</param>
/// <param name="Precision">fp32 (reference), fp16, bf16, fp8, int8 or int4 (see <see cref="WeightPolicies"/>).</param>
/// <param name="TextLength">T5 token count; null takes the variant's reference length (256 schnell, 128 Fill, 512 others).</param>
/// <param name="Variant">The variant; null reads it from the weights, which tell only fill and schnell apart from the
/// rest: canny / depth and dev / kontext / redux must be named here (else <see cref="AmbiguousVariantException"/>).</param>
/// <param name="Overwrite">Replace an existing package folder.</param>
/// <param name="DefaultWidth">Default image width recorded in the manifest; null = 1024.</param>
/// <param name="DefaultHeight">Default image height recorded in the manifest; null = 1024.</param>
/// <param name="Quantization">int8 / int4 block options; null = blocks of 32, symmetric, accuracy_level 4.</param>
/// <param name="CalibrationTable">fp8 + tensorrt: a calibration table (<see cref="Calibration.CalibrationTable"/>,
/// written by <c>flux calibrate</c> from an fp32 package of the same checkpoints) giving the activation amax of every
/// quantized Linear (static QuantizeLinear → DequantizeLinear on its input); required for that combination, null
/// otherwise.</param>
/// <param name="Loras">LoRA files fused into the weights (W + Σ strength·alpha/rank·B·A in float32, before any
/// quantization), in order; null = none. See <see cref="Lora.LoraFile"/> for the formats.</param>
/// <param name="LoraAllowUnused">Skip (and record in the manifest) LoRA keys that match nothing, instead of refusing the file.</param>
/// <param name="LoraSlots">Rank of run-time LoRA slots on the transformer's block Linears (graph inputs bound at
/// generation); 0 = none.</param>
public sealed record ConvertRequest(
    string Output,
    string? Transformer = null,
    string? TransformerConfig = null,
    string? T5 = null,
    string? Clip = null,
    string? Ae = null,
    string? AeConfig = null,
    string? ClipTokenizer = null,
    string? T5Tokenizer = null,
    string? Diffusers = null,
    Target Target = Target.Cpu,
    Precision Precision = Precision.Fp32,
    int? TextLength = null,
    Variant? Variant = null,
    bool Overwrite = false,
    int? DefaultWidth = null,
    int? DefaultHeight = null,
    QuantizationOptions? Quantization = null,
    string? CalibrationTable = null,
    IReadOnlyList<Lora.LoraSpec>? Loras = null,
    bool LoraAllowUnused = false,
    int LoraSlots = 0)
{
    /// <summary>Optional deeper check of each tokenizer folder before it is copied (null: the required files must exist).</summary>
    public ITokenizerCheck? TokenizerCheck { get; init; }
}
