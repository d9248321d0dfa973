namespace FluxOnnx.Graphs.Models.TextEncoders;

/// <summary>
/// A text-encoder <c>config.json</c> could not be used: unreadable, not a JSON object, a key of the wrong type, a
/// value this graph code does not implement (a T5 with a ReLU feed-forward, a CLIP with another activation), or
/// values that break the config's invariants (the <see cref="ModelConfigException"/> is then the inner exception).
/// <see cref="ModelConfigException.FilePath"/> is always set; <see cref="ModelConfigException.Key"/> is "" for the
/// document itself.
/// </summary>
public sealed class TextEncoderConfigException : ModelConfigException
{
    public TextEncoderConfigException(string filePath, string key, string actual, string expected, Exception? inner = null)
        : base("config.json", key, expected, actual, filePath, inner)
    {
    }
}
