namespace FluxOnnx;

/// <summary>
/// A member of a library request record, as errors name it: <see cref="Request"/> is the record's type name
/// (<c>GenerateRequest</c>), <see cref="Member"/> its C# member path (<c>Steps</c>, <c>Quantization.BlockSize</c>).
/// <see cref="Name"/> is the camelCase field name (<c>steps</c>) that library messages print; a front end such as
/// the CLI maps the pair to whatever the user typed (a flag, a form field) without parsing messages.
/// </summary>
public readonly record struct RequestField(string Request, string Member)
{
    /// <summary>The field of <typeparamref name="TRequest"/> called <paramref name="member"/> (pass <c>nameof(...)</c>).</summary>
    public static RequestField Of<TRequest>(string member) => new(typeof(TRequest).Name, member);

    /// <summary>The member path in camelCase, segment by segment: <c>Quantization.BlockSize</c> → <c>quantization.blockSize</c>.</summary>
    public string Name => string.Join('.', Member.Split('.').Select(CamelCase));

    public override string ToString() => Name;

    private static string CamelCase(string segment) =>
        segment.Length == 0 ? segment : char.ToLowerInvariant(segment[0]) + segment[1..];
}
