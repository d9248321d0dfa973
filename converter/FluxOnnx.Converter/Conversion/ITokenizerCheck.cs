namespace FluxOnnx.Converter.Conversion;

/// <summary>
/// A deeper check of a tokenizer folder before it is copied into a package (the tools pass one that loads the
/// folder with the runtime's own tokenizer, so a broken file fails the conversion instead of the first run). The
/// converter itself only checks that the required files are there: it does not reference the runtime.
/// </summary>
public interface ITokenizerCheck
{
    /// <summary>Throws a <see cref="FluxOnnxException"/> naming the file when <paramref name="folder"/> does not load.</summary>
    /// <param name="role">"clip" or "t5".</param>
    /// <param name="folder">The tokenizer folder the request names.</param>
    void Check(string role, string folder);
}
