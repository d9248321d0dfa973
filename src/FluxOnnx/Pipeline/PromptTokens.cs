namespace FluxOnnx.Pipeline;

/// <summary>
/// Token ids for one prompt, given instead of the text (for golden tests against stored ids, or a caller's own
/// tokenizer). Lengths must equal the package's <see cref="Packaging.TextLengths"/>: CLIP 77, T5 256/512.
/// </summary>
/// <param name="ClipIds">CLIP ids, begin/end framed and padded, [Clip length].</param>
/// <param name="T5Ids">T5 ids ending with <c>&lt;/s&gt;</c> and padded, [T5 length].</param>
public sealed record PromptTokens(long[] ClipIds, long[] T5Ids);
