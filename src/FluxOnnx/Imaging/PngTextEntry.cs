namespace FluxOnnx.Imaging;

/// <summary>
/// One textual metadata entry (PNG spec §11.3.4). The keyword is 1–79 Latin-1 characters without leading,
/// trailing or consecutive spaces and without NUL. On write, the encoder stores an entry as tEXt when its text is
/// representable in Latin-1 (U+0000..U+00FF, no NUL) and as uncompressed iTXt with UTF-8 otherwise (e.g. a
/// Chinese prompt), or always as iTXt when <see cref="LanguageTag"/> or <see cref="TranslatedKeyword"/> is set.
/// </summary>
/// <param name="Keyword">Latin-1 keyword such as "prompt", "Software", "Description".</param>
/// <param name="Text">The value.</param>
public sealed record PngTextEntry(string Keyword, string Text)
{
    /// <summary>The chunk the entry was read from; ignored on write (the encoder chooses as described above).</summary>
    public PngTextKind Kind { get; init; } = PngTextKind.Text;

    /// <summary>iTXt language tag (RFC 3066, e.g. "zh-CN"); empty for none.</summary>
    public string LanguageTag { get; init; } = "";

    /// <summary>iTXt translated keyword (UTF-8); empty for none.</summary>
    public string TranslatedKeyword { get; init; } = "";
}
