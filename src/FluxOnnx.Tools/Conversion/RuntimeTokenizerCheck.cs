using FluxOnnx.Converter.Conversion;
using FluxOnnx.Tokenizers.Clip;
using FluxOnnx.Tokenizers.T5;

namespace FluxOnnx.Tools.Conversion;

/// <summary>
/// Loads a tokenizer folder with the runtime's own tokenizer before the converter copies it, so a corrupt
/// <c>vocab.json</c>, <c>merges.txt</c> or <c>spiece.model</c> stops the conversion with the tokenizer's typed error.
/// </summary>
public sealed class RuntimeTokenizerCheck : ITokenizerCheck
{
    public static RuntimeTokenizerCheck Instance { get; } = new();

    public void Check(string role, string folder)
    {
        switch (role)
        {
            case "clip":
                ClipTokenizer.FromDirectory(folder);
                break;
            case "t5":
                T5Tokenizer.FromDirectory(folder);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(role), role, "expected \"clip\" or \"t5\"");
        }
    }
}
