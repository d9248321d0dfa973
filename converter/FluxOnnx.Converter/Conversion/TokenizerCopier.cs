using FluxOnnx.Packaging;

namespace FluxOnnx.Converter.Conversion;

/// <summary>
/// Copies the tokenizer folders into the package (<c>tokenizer/</c> for CLIP, <c>tokenizer_2/</c> for T5),
/// after checking that each holds the files its tokenizer reads (and, when the request carries one, running its
/// <see cref="ConvertRequest.TokenizerCheck"/>), so a broken folder fails the conversion, not the first run.
/// Only the files the tokenizers read (plus their JSON configs) are copied.
/// </summary>
internal static class TokenizerCopier
{
    private static readonly string[] ClipRequired = [TokenizerFiles.ClipVocab, TokenizerFiles.ClipMerges];
    private static readonly string[] T5Required = [TokenizerFiles.T5Model];

    public static Dictionary<string, string> Copy(ConvertRequest request, string staging, IProgress<ConvertProgress>? progress)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var clip = request.ClipTokenizer ?? Existing(request.Diffusers, "tokenizer");
        if (clip is not null)
        {
            Check(request, nameof(ConvertRequest.ClipTokenizer), "clip", clip, ClipRequired);
            CopyFiles(clip, Path.Combine(staging, "tokenizer"), [.. ClipRequired, .. TokenizerFiles.Configs]);
            result["clip"] = "tokenizer";
        }
        var t5 = request.T5Tokenizer ?? Existing(request.Diffusers, "tokenizer_2");
        if (t5 is not null)
        {
            Check(request, nameof(ConvertRequest.T5Tokenizer), "t5", t5, T5Required);
            CopyFiles(t5, Path.Combine(staging, "tokenizer_2"), [.. T5Required, .. TokenizerFiles.Configs]);
            result["t5"] = "tokenizer_2";
        }
        progress?.Report(new ConvertProgress("tokenizers", result.Count, result.Count));
        return result;
    }

    private static void Check(ConvertRequest request, string member, string role, string folder, string[] required)
    {
        foreach (var name in required)
        {
            if (!File.Exists(Path.Combine(folder, name)))
            {
                throw new ConversionException(member, $"a {role} tokenizer folder holding {string.Join(" and ", required)}",
                    $"{folder}, without {name}");
            }
        }
        request.TokenizerCheck?.Check(role, folder);
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
