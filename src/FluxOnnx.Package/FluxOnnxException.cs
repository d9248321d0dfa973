namespace FluxOnnx;

/// <summary>
/// The base of every error FluxOnnx raises on purpose: bad input, a package or checkpoint that breaks its contract, a
/// provider that cannot load. Subtypes carry the data (file, tensor, field, expected and actual values) as properties,
/// so callers never parse messages. Anything else that escapes the library is a bug or an environment failure.
/// </summary>
public abstract class FluxOnnxException : Exception
{
    protected FluxOnnxException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
