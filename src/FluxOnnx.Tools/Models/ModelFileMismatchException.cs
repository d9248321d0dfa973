namespace FluxOnnx.Tools.Models;

/// <summary>
/// A file's size or SHA-256 differs from the value its lock entry confirms. <see cref="Expected"/> and
/// <see cref="Actual"/> give both values (decimal bytes, or lower-case hex); <see cref="Url"/> is set when the bytes came
/// from a download.
/// </summary>
public sealed class ModelFileMismatchException : FluxOnnxException
{
    public ModelFileMismatchException(
        string filePath,
        string role,
        MismatchedProperty property,
        string expected,
        string actual,
        string? url = null)
        : base(FormatMessage(filePath, role, property, expected, actual, url))
    {
        FilePath = filePath;
        Role = role;
        Property = property;
        Expected = expected;
        Actual = actual;
        Url = url;
    }

    /// <summary>The file whose content was checked (for a download, the final path it would have had).</summary>
    public string FilePath { get; }

    /// <summary>The file's role in the lock entry.</summary>
    public string Role { get; }

    /// <summary>Whether the size or the hash differed.</summary>
    public MismatchedProperty Property { get; }

    /// <summary>The lock's value.</summary>
    public string Expected { get; }

    /// <summary>The file's value.</summary>
    public string Actual { get; }

    /// <summary>Where the bytes were downloaded from, when they were.</summary>
    public string? Url { get; }

    internal static ModelFileMismatchException From(LockedFileCheck check, string? url = null) =>
        new(check.FilePath, check.Role, check.Mismatch!.Value, check.Expected!, check.Actual!, url);

    private static string FormatMessage(string filePath, string role, MismatchedProperty property, string expected, string actual, string? url)
    {
        string what = property == MismatchedProperty.Size ? "size (bytes)" : "sha256";
        string from = url is null ? "" : $" downloaded from {url}";
        return $"The {role} file '{filePath}'{from} does not match the model lock: {what} expected {expected}, actual {actual}.";
    }
}
