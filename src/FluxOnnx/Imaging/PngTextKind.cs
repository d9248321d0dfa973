namespace FluxOnnx.Imaging;

/// <summary>Which chunk a text entry came from (or will be written as).</summary>
public enum PngTextKind
{
    /// <summary>tEXt: Latin-1 keyword and text, uncompressed.</summary>
    Text,
    /// <summary>zTXt: Latin-1 keyword, zlib-compressed Latin-1 text (read only).</summary>
    CompressedText,
    /// <summary>iTXt: Latin-1 keyword, UTF-8 text, optional language tag and translated keyword.</summary>
    InternationalText,
}
