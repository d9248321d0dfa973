using FluxOnnx.Tokenizers.Clip;
using FluxOnnx.Tokenizers.T5;

namespace FluxOnnx.Converter.Conversion;

/// <summary>
/// Copies the tokenizer folders into the package (<c>tokenizer/</c> for CLIP, <c>tokenizer_2/</c> for T5),
/// after loading each with the runtime's own tokenizer so a broken folder fails the conversion, not the first run.
/// Only the files the tokenizers read (plus their JSON configs) are copied.
/// </summary>
internal static class TokenizerCopier
{
    private static readonly string[] ClipFiles = [ClipTokenizer.VocabFileName, ClipTokenizer.MergesFileName, "tokenizer_config.json", "special_tokens_map.json"];
    private static readonly string[] T5Files = [T5Tokenizer.ModelFileName, "tokenizer_config.json", "special_tokens_map.json"];

    public static Dictionary<string, string> Copy(ConvertRequest request, string staging, IProgress<ConvertProgress>? progress)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var clip = request.ClipTokenizer ?? Existing(request.Diffusers, "tokenizer");
        if (clip is not null)
        {
            ClipTokenizer.FromDirectory(clip);
            CopyFiles(clip, Path.Combine(staging, "tokenizer"), ClipFiles);
            result["clip"] = "tokenizer";
        }
        var t5 = request.T5Tokenizer ?? Existing(request.Diffusers, "tokenizer_2");
        if (t5 is not null)
        {
            T5Tokenizer.FromDirectory(t5);
            CopyFiles(t5, Path.Combine(staging, "tokenizer_2"), T5Files);
            result["t5"] = "tokenizer_2";
        }
        progress?.Report(new ConvertProgress("tokenizers", result.Count, result.Count));
        return result;
    }

    private static string? Existing(string? root, string child) =>
        root is not null && Directory.Exists(Path.Combine(root, child)) ? Path.Combine(root, child) : null;

    private static void CopyFiles(string from, string to, IEnumerable<string> names)
    {
        Directory.CreateDirectory(to);
        foreach (var name in names)
        {
            var source = Path.Combine(from, name);
            if (File.Exists(source))
            {
                File.Copy(source, Path.Combine(to, name));
            }
        }
    }
}
