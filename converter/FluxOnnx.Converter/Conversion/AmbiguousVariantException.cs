namespace FluxOnnx.Converter.Conversion;

/// <summary>
/// The transformer's weights fit more than one variant and <see cref="ConvertRequest.Variant"/> is not set: Canny
/// and Depth share every shape, as do dev and Kontext. The variant is never guessed (from a file name or
/// otherwise); the caller sets the field to one of <see cref="Candidates"/>.
/// </summary>
public sealed class AmbiguousVariantException : InvalidRequestException
{
    public AmbiguousVariantException(IReadOnlyList<Variant> candidates, string evidence)
        : base(RequestField.Of<ConvertRequest>(nameof(ConvertRequest.Variant)),
            $"one of {string.Join(", ", candidates.Select(PackageNames.Name))} (the weights cannot tell which: {evidence})", "null")
    {
        Candidates = candidates;
        Evidence = evidence;
    }

    /// <summary>The variants the weights fit.</summary>
    public IReadOnlyList<Variant> Candidates { get; }

    /// <summary>What the weights do show (e.g. <c>img_in.weight takes 128 input channels, guidance_in present</c>).</summary>
    public string Evidence { get; }
}
