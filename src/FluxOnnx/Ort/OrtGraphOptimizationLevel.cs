namespace FluxOnnx.Ort;

/// <summary>ORT's <c>GraphOptimizationLevel</c>; the numbers are the C enum's (note <see cref="All"/> is 99).</summary>
public enum OrtGraphOptimizationLevel
{
    Disabled = 0,
    Basic = 1,
    Extended = 2,
    All = 99,
}
