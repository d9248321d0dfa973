namespace FluxOnnx.Packaging;

/// <summary>
/// A manifest member holds a value this build does not know, e.g. <c>"precision": "fp12"</c> or a variant from a newer
/// release: <see cref="Field"/> is the member as the manifest spells it (<c>precision</c>), <see cref="Expected"/> the
/// names allowed there, <see cref="Actual"/> what was found.
/// </summary>
public sealed class ManifestValueException : PackageException
{
    public ManifestValueException(string path, string field, IReadOnlyList<string> expected, string actual)
        : base(path, $"manifest member '{field}': expected one of {string.Join(", ", expected)}, got {actual}")
    {
        Field = field;
        Expected = expected;
        Actual = actual;
    }

    /// <summary>The member's JSON path without the leading <c>$.</c> (<c>variant</c>, <c>precision</c>, <c>target</c>).</summary>
    public string Field { get; }

    /// <summary>The names the member may hold, in <see cref="PackageNames"/> order.</summary>
    public IReadOnlyList<string> Expected { get; }

    /// <summary>The value found: a quoted string (<c>'fp12'</c>), <c>null</c>, or other JSON text.</summary>
    public string Actual { get; }
}
