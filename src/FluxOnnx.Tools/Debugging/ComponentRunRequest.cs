using FluxOnnx.Runtime.Providers;

namespace FluxOnnx.Tools.Debugging;

/// <summary>Run one graph of a package on tensors from a safetensors file (<c>flux run</c>).</summary>
/// <param name="PackagePath">The package folder.</param>
/// <param name="Component">Component role: transformer, text_encoder, text_encoder_2, vae_encoder or vae_decoder.</param>
/// <param name="InputsPath">Safetensors file holding exactly one tensor per graph input, named like the inputs.</param>
/// <param name="OutputPath">Safetensors file to write every graph output into (written to a temp file, then renamed).</param>
/// <param name="Provider">Execution provider request.</param>
/// <param name="IntraOpThreads">Threads per operator; null lets ORT choose.</param>
public sealed record ComponentRunRequest(
    string PackagePath,
    string Component,
    string InputsPath,
    string OutputPath,
    ExecutionProviderRequest Provider,
    int? IntraOpThreads = null);
