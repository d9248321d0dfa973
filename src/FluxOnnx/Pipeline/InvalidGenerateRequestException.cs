namespace FluxOnnx.Pipeline;

/// <summary>
/// A <see cref="GenerateRequest"/> member has a value the pipeline or the package cannot honour.
/// <see cref="InvalidRequestException.Field"/> names the member (<c>Member</c> = <c>Width</c>, <c>Guidance</c>...).
/// </summary>
public sealed class InvalidGenerateRequestException : InvalidRequestException
{
    public InvalidGenerateRequestException(string member, string expected, string actual)
        : this(member, expected, actual, null)
    {
    }

    /// <summary>A member whose value could not be used because of <paramref name="inner"/> (e.g. an image file that
    /// does not decode: <see cref="Imaging.ImageFormatException"/>, <see cref="Imaging.ImageTooLargeException"/>).</summary>
    public InvalidGenerateRequestException(string member, string expected, string actual, Exception? inner)
        : base(RequestField.Of<GenerateRequest>(member), expected, actual, inner)
    {
    }
}
