namespace FluxOnnx.Tools.Comparison;

/// <summary>
/// A <see cref="CompareRequest"/> member has a value the comparison cannot honour;
/// <see cref="InvalidRequestException.Field"/> names it (e.g. <c>Prompts</c>). Width, height and steps are checked
/// by the pipeline and throw <see cref="Pipeline.InvalidGenerateRequestException"/> instead.
/// </summary>
public sealed class InvalidCompareRequestException : InvalidRequestException
{
    public InvalidCompareRequestException(string member, string expected, string actual)
        : base(RequestField.Of<CompareRequest>(member), expected, actual)
    {
    }
}
