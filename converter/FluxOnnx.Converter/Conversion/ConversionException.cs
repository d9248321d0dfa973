namespace FluxOnnx.Converter.Conversion;

/// <summary>
/// A <see cref="ConvertRequest"/> that cannot be carried out as given (nothing to convert, the output exists, an
/// unknown precision...). <see cref="InvalidRequestException.Field"/> names the member at fault (<c>Output</c>,
/// <c>Quantization.BlockSize</c>).
/// </summary>
public sealed class ConversionException : InvalidRequestException
{
    public ConversionException(string member, string expected, string actual)
        : base(RequestField.Of<ConvertRequest>(member), expected, actual)
    {
    }
}
