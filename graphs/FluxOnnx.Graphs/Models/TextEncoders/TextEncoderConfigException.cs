namespace FluxOnnx.Graphs.Models.TextEncoders;

/// <summary>
/// A text-encoder <c>config.json</c> could not be used: unreadable, not a JSON object, a key of the wrong type, or
/// a value this graph code does not implement (a T5 with a ReLU feed-forward, a CLIP with another activation).
/// </summary>
public sealed class TextEncoderConfigException : FluxOnnxException
{
    public TextEncoderConfigException(string filePath, string key, string actual, string expected, Exception? inner = null)
        : base($"{filePath}: '{key}' is {actual}; expected {expected}.", inner)
    {
        FilePath = filePath;
        Key = key;
        Actual = actual;
        Expected = expected;
    }

    /// <summary>The config file.</summary>
    public string FilePath { get; }

    /// <summary>The offending JSON key ("" for the document itself).</summary>
    public string Key { get; }

    /// <summary>What the file holds, as JSON text (or a description when the file is unreadable).</summary>
    public string Actual { get; }

    /// <summary>What would have been accepted.</summary>
    public string Expected { get; }
}
