namespace FluxOnnx.Serving.Errors;

/// <summary>
/// A member of an <see cref="Jobs.ImageJobRequest"/> breaks a limit or a rule of the model's variant. Raised by
/// <see cref="FluxImageService.Submit"/> before the job is queued (or, for a rule only the pipeline checks, when it
/// runs). <see cref="Field"/> is the request field in the OpenAI images API's spelling (<c>prompt</c>, <c>n</c>,
/// <c>size</c>, <c>steps</c>, <c>guidance</c>, <c>image</c>, <c>mask</c>, <c>control</c>, ...).
/// </summary>
public sealed class InvalidImageRequestException : ServingException
{
    public InvalidImageRequestException(string field, string code, string expected, string actual, Exception? inner = null)
        : base(code, $"{field}: expected {expected}, got {actual}.", inner)
    {
        Field = field;
        Expected = expected;
        Actual = actual;
    }

    /// <summary>The request field, as the OpenAI images API spells it.</summary>
    public string Field { get; }

    /// <summary>What the field must be, in words.</summary>
    public string Expected { get; }

    /// <summary>What was given, formatted invariantly.</summary>
    public string Actual { get; }
}
