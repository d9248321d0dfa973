using Microsoft.ML.OnnxRuntime;
using FluxOnnx.Runtime;
using FluxOnnx.Runtime.Providers;

namespace FluxOnnx.Pipeline;

/// <summary>How <see cref="FluxPipeline.Open"/> loads a package and creates its sessions.</summary>
public sealed record PipelineOptions
{
    /// <summary>
    /// Execution provider for every session; null means <see cref="CpuProviderRequest"/>. An explicit provider that
    /// cannot load throws <see cref="ExecutionProviderUnavailableException"/> at open; only
    /// <see cref="AutoProviderRequest"/> falls back.
    /// </summary>
    public ExecutionProviderRequest? Provider { get; init; }

    /// <summary>
    /// Threads inside one operator (ORT intra-op pool); 0 (the default) lets ORT choose one per physical core, as
    /// ORT's platform layer counts them (hyper-threads not counted; see <see cref="SessionSettings"/>). Operators run one after another (sequential execution), so there is no inter-op pool.
    /// </summary>
    public int IntraOpThreads { get; init; }

    /// <summary>
    /// ORT's weight prepacking at session load (<see cref="SessionSettings.PrepackWeights"/>). Prepacking copies the
    /// weights of MLAS GEMM and MatMulNBits kernels into their own layout (anonymous memory); without it the external
    /// weights stay memory-mapped from the package and runs pack on the fly. Null (the default) decides by the package's
    /// precision (<see cref="DefaultPrepackWeights"/>): off for fp32, on for every other precision.
    /// </summary>
    public bool? PrepackWeights { get; init; }

    /// <summary>ORT's CPU memory arena (<see cref="SessionSettings.EnableCpuMemArena"/>); on by default, as in ORT.
    /// Off, every activation buffer is allocated from and returned to the system allocator.</summary>
    public bool EnableCpuMemArena { get; init; } = true;

    /// <summary>
    /// ORT's memory-pattern planner (<see cref="SessionSettings.EnableMemoryPattern"/>): one pre-planned block per run
    /// for the shapes it has seen. Off by default here (ORT's default is on): on a real-width FLUX step it raised the
    /// peak by about 290 MiB (fp32 and int8) for no measurable speed (README, Targets, <c>bench -- session-options</c>).
    /// </summary>
    public bool EnableMemoryPattern { get; init; }

    /// <summary>
    /// The prepacking used when <see cref="PrepackWeights"/> is null: false for an fp32 package (measured on a
    /// real-width step: the same step time and peak either way, the session loads in 0.1 s instead of seconds, and
    /// the weights stay file-backed, which the kernel can drop under memory pressure), true for every other precision
    /// (int8 MatMulNBits ran 2.1× slower without it; fp16, bf16, fp8 and int4 were not measured, so ORT's default stays).
    /// </summary>
    public static bool DefaultPrepackWeights(Precision precision) => precision != Precision.Fp32;

    /// <summary>Whether idle intra-op threads spin before sleeping (<see cref="SessionSettings.AllowSpinning"/>); on by
    /// default, as in ORT. Off saves CPU between runs on a shared machine.</summary>
    public bool AllowSpinning { get; init; } = true;

    /// <summary>ORT graph optimization level for every session.</summary>
    public GraphOptimizationLevel OptimizationLevel { get; init; } = GraphOptimizationLevel.ORT_ENABLE_ALL;

    /// <summary>
    /// Image and batch sizes TensorRT engines are built for; with the TensorRT provider, each component's optimization
    /// profiles are derived from its manifest signature and this range (<see cref="TensorRtProfiles"/>).
    /// </summary>
    public TensorRtShapeRange TensorRtShapes { get; init; } = new();

    /// <summary>
    /// Low-memory mode: only the transformer stays loaded between calls. The text encoders are opened when a prompt
    /// misses the embedding cache and released before the denoising loop; the VAE decoder is opened for decoding and
    /// released after it. Costs a session load per stage per call; saves the encoders' memory (T5-XXL is ~9 GiB in fp16)
    /// during the loop. When false every session is opened by <see cref="FluxPipeline.Open"/> and kept.
    /// </summary>
    public bool LowMemory { get; init; }

    /// <summary>Re-hash every package file against the manifest before loading (<see cref="Packaging.ModelPackage.VerifyHashes"/>).</summary>
    public bool VerifyHashes { get; init; }

    /// <summary>Run a bf16/fp8/int8/int4 package on a provider its manifest does not list as verified (see <see cref="ProviderCompatibility"/>).</summary>
    public bool AllowUnverifiedProvider { get; init; }

    /// <summary>How many prompts' embeddings the pipeline keeps (oldest dropped first); 0 disables the cache.</summary>
    public int PromptCacheCapacity { get; init; } = 8;
}
