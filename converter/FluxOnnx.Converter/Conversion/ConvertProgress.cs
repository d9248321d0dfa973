namespace FluxOnnx.Converter.Conversion;

/// <summary>Progress of a conversion: the current stage (e.g. "transformer", "hashing") and its bytes.</summary>
/// <param name="Stage">What is being done: a component role, "hashing sources", "tokenizers" or "manifest".</param>
/// <param name="Done">Bytes (or items) done in this stage.</param>
/// <param name="Total">Bytes (or items) of this stage, 0 when unknown.</param>
public sealed record ConvertProgress(string Stage, long Done, long Total);
