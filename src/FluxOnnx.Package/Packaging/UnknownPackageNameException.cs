namespace FluxOnnx.Packaging;

/// <summary>
/// What <see cref="PackageNameJsonConverter{TEnum}"/> found instead of one of the names expected. It travels as the
/// inner exception of the <see cref="System.Text.Json.JsonException"/> the converter throws, so the serializer still
/// records the member's JSON path (<c>$.precision</c>); <see cref="PackageManifestJson.Parse"/> never lets it escape
/// (it becomes a <see cref="ManifestValueException"/> naming the file and the member).
/// </summary>
internal sealed class UnknownPackageNameException(IReadOnlyList<string> expected, string actual)
    : FluxOnnxException($"expected one of {string.Join(", ", expected)}, got {actual}")
{
    /// <summary>The names the member may hold.</summary>
    public IReadOnlyList<string> Expected { get; } = expected;

    /// <summary>The value found: a quoted string (<c>'fp12'</c>), <c>null</c>, or other JSON text.</summary>
    public string Actual { get; } = actual;
}
