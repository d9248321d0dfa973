namespace FluxOnnx.Pipeline;

/// <summary>
/// A <see cref="GenerateRequest"/> member has a value the pipeline or the package cannot honour.
/// <see cref="ArgumentException.ParamName"/> is the member's name (e.g. <c>Width</c>, <c>Guidance</c>).
/// </summary>
public sealed class InvalidGenerateRequestException : ArgumentException
{
    public InvalidGenerateRequestException(string paramName, string expected, string actual)
        : this(paramName, expected, actual, null)
    {
    }

    /// <summary>A member whose value could not be used because of <paramref name="inner"/> (e.g. an image file that
    /// does not decode: <see cref="Imaging.ImageFormatException"/>, <see cref="Imaging.ImageTooLargeException"/>).</summary>
    public InvalidGenerateRequestException(string paramName, string expected, string actual, Exception? inner)
        : base($"{paramName}: expected {expected}, got {actual}.", paramName, inner)
    {
        Expected = expected;
        Actual = actual;
    }

    /// <summary>What the member must be, in words (e.g. <c>a positive multiple of 16</c>).</summary>
    public string Expected { get; }

    /// <summary>The value given, formatted invariantly (<c>null</c> for a missing value).</summary>
    public string Actual { get; }
}
