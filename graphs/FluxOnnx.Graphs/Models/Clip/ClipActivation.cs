namespace FluxOnnx.Graphs.Models.Clip;

/// <summary>The MLP activation of a CLIP text encoder (transformers <c>hidden_act</c>).</summary>
public enum ClipActivation
{
    /// <summary><c>quick_gelu</c>: x·sigmoid(1.702·x), OpenAI CLIP's (CLIP-L's) activation.</summary>
    QuickGelu,

    /// <summary><c>gelu</c>: the exact (erf) GELU, used by OpenCLIP models.</summary>
    Gelu,
}
