namespace FluxOnnx.Tools.Models;

/// <summary>The outcome of comparing one file on disk with its lock entry.</summary>
/// <param name="Role">The role the caller gave the file.</param>
/// <param name="FilePath">The file checked.</param>
/// <param name="Status">Verified, Mismatch, Unverified or Unknown.</param>
/// <param name="Locked">The lock's entry for the role; null when <see cref="LockedFileStatus.Unknown"/>.</param>
/// <param name="ActualBytes">The file's size.</param>
/// <param name="ActualSha256">The file's lower-case hex SHA-256; null only when a size mismatch made hashing pointless.</param>
/// <param name="Mismatch">Which value differed, for <see cref="LockedFileStatus.Mismatch"/>.</param>
public sealed record LockedFileCheck(
    string Role,
    string FilePath,
    LockedFileStatus Status,
    LockedFile? Locked,
    long ActualBytes,
    string? ActualSha256,
    MismatchedProperty? Mismatch)
{
    /// <summary>The locked value that differed, as text (null unless <see cref="Mismatch"/> is set).</summary>
    public string? Expected => Mismatch switch
    {
        MismatchedProperty.Size => Locked!.Bytes!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        MismatchedProperty.Sha256 => Locked!.Sha256,
        _ => null,
    };

    /// <summary>The file's value that differed, as text (null unless <see cref="Mismatch"/> is set).</summary>
    public string? Actual => Mismatch switch
    {
        MismatchedProperty.Size => ActualBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        MismatchedProperty.Sha256 => ActualSha256,
        _ => null,
    };
}
