namespace FluxOnnx.Pipeline;

/// <summary>How a request's images condition the transformer, decided by the package variant.</summary>
internal enum ImageConditioningKind
{
    /// <summary>Text-to-image: no image.</summary>
    None,

    /// <summary>schnell / dev with an init image: the loop starts part-way from noise blended with the encoded image.</summary>
    Img2Img,

    /// <summary>Fill: masked-image latent + packed mask concatenated channel-wise (384 transformer channels).</summary>
    Fill,

    /// <summary>Canny / Depth: control latent concatenated channel-wise (128 transformer channels).</summary>
    Control,

    /// <summary>Kontext: reference tokens appended along the sequence with ids (1, i, j).</summary>
    Kontext,
}
