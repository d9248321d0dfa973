namespace FluxOnnx.Tools.Models;

/// <summary>How a file on disk compares with its lock entry.</summary>
public enum LockedFileStatus
{
    /// <summary>The lock has the file's sha256 and the content matches it (and the size, when the lock has one).</summary>
    Verified,

    /// <summary>The file's size or sha256 differs from a value the lock confirms.</summary>
    Mismatch,

    /// <summary>The lock has no sha256 for the file: the content was not verified (the size was, when the lock has one).</summary>
    Unverified,

    /// <summary>The lock has no file with this role (or no file list at all).</summary>
    Unknown,
}
