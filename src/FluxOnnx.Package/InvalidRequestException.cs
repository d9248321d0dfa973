namespace FluxOnnx;

/// <summary>
/// The family base of request validation errors: one <see cref="Field"/> of a request record has a value the
/// library cannot honour. <see cref="Expected"/> says what it must be in words, <see cref="Actual"/> what it was.
/// Messages name the field (<c>steps: expected at least 1, got 0.</c>), never a command-line flag.
/// </summary>
public abstract class InvalidRequestException : FluxOnnxException
{
    protected InvalidRequestException(RequestField field, string expected, string actual, Exception? inner = null)
        : base(Format(field.Name, expected, actual), inner)
    {
        Field = field;
        Expected = expected;
        Actual = actual;
    }

    public RequestField Field { get; }

    /// <summary>What the field must be, in words (e.g. <c>a positive multiple of 16</c>).</summary>
    public string Expected { get; }

    /// <summary>The value given, formatted invariantly (<c>null</c> for a missing value).</summary>
    public string Actual { get; }

    /// <summary>The message with the field spelled <paramref name="fieldName"/> instead (a front end passes its own
    /// spelling, e.g. the flag the user typed).</summary>
    public string MessageFor(string fieldName) => Format(fieldName, Expected, Actual);

    private static string Format(string fieldName, string expected, string actual) =>
        $"{fieldName}: expected {expected}, got {actual}.";
}
