namespace FluxOnnx.Tools.Downloads;

/// <summary>
/// A <see cref="DownloadOptions"/> member has a value the downloader cannot use (a relative base URI, a negative
/// retry count); <see cref="InvalidRequestException.Field"/> names it.
/// </summary>
public sealed class InvalidDownloadRequestException : InvalidRequestException
{
    public InvalidDownloadRequestException(string member, string expected, string actual)
        : base(RequestField.Of<DownloadOptions>(member), expected, actual)
    {
    }
}
