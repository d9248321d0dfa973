namespace FluxOnnx.Packaging;

/// <summary>
/// The tokenizer files a package carries: the names HF tokenizer folders use (CLIP's byte-level BPE
/// <c>vocab.json</c> + <c>merges.txt</c>, T5's SentencePiece <c>spiece.model</c>), written by the converter into
/// <c>tokenizer/</c> and <c>tokenizer_2/</c> and read by the runtime's tokenizers.
/// </summary>
public static class TokenizerFiles
{
    public const string ClipVocab = "vocab.json";
    public const string ClipMerges = "merges.txt";
    public const string T5Model = "spiece.model";

    /// <summary>Optional JSON configs copied beside the required files when present.</summary>
    public static readonly IReadOnlyList<string> Configs = ["tokenizer_config.json", "special_tokens_map.json"];
}
