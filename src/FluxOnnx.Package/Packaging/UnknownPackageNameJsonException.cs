using System.Text.Json;

namespace FluxOnnx.Packaging;

/// <summary>
/// Raised inside JSON deserialization by <see cref="PackageNameJsonConverter{TEnum}"/>: a value that is none of the
/// names expected. The serializer fills in <see cref="JsonException.Path"/> (e.g. <c>$.precision</c>) on its way out;
/// <see cref="PackageManifestJson.Parse"/> never lets it escape (it becomes a <see cref="ManifestValueException"/>).
/// </summary>
internal sealed class UnknownPackageNameJsonException(IReadOnlyList<string> expected, string actual)
    : JsonException($"expected one of {string.Join(", ", expected)}, got {actual}")
{
    /// <summary>The names the member may hold.</summary>
    public IReadOnlyList<string> Expected { get; } = expected;

    /// <summary>The value found: a quoted string (<c>'fp12'</c>), <c>null</c>, or other JSON text.</summary>
    public string Actual { get; } = actual;
}
