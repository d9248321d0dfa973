using FluxOnnx.Packaging;

namespace FluxOnnx.Tools.Models;

/// <summary>
/// Compares files on disk with a lock entry: size first (cheap), then a streaming SHA-256
/// (<see cref="FileHashing.Sha256Hex"/>). A file is <see cref="LockedFileStatus.Verified"/> only when the lock has its
/// sha256 and the content matches it (which implies the size); with a null sha256 the file is
/// <see cref="LockedFileStatus.Unverified"/>, never passed, after its size is checked when the lock has one.
/// </summary>
public static class ModelLockChecker
{
    /// <summary>Checks each given file against the entry's file of the same role, in the dictionary's order.</summary>
    /// <param name="entry">The model's lock entry.</param>
    /// <param name="filesByRole">Role (as in the lock, e.g. <c>transformer</c>) → path of the file on disk.</param>
    /// <param name="progress">Hashing progress per file; optional.</param>
    /// <param name="cancellationToken">Checked between 1 MiB reads.</param>
    /// <param name="enforcement">Whether a mismatch is returned or thrown.</param>
    /// <returns>One result per given file.</returns>
    /// <exception cref="FileNotFoundException">A given file does not exist.</exception>
    /// <exception cref="ModelFileMismatchException">With <see cref="LockEnforcement.ThrowOnMismatch"/>: the first mismatch.</exception>
    public static IReadOnlyList<LockedFileCheck> Check(
        ModelLockEntry entry,
        IReadOnlyDictionary<string, string> filesByRole,
        IProgress<LockCheckProgress>? progress = null,
        CancellationToken cancellationToken = default,
        LockEnforcement enforcement = LockEnforcement.Report)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(filesByRole);
        var results = new List<LockedFileCheck>(filesByRole.Count);
        foreach ((string role, string filePath) in filesByRole)
        {
            results.Add(CheckFile(role, entry.FindRole(role), filePath, progress, cancellationToken));
        }
        if (enforcement == LockEnforcement.ThrowOnMismatch && results.FirstOrDefault(r => r.Status == LockedFileStatus.Mismatch) is { } first)
        {
            throw ModelFileMismatchException.From(first);
        }
        return results;
    }

    /// <summary>Checks one file against <paramref name="locked"/> (null: the lock does not know the role).</summary>
    internal static LockedFileCheck CheckFile(
        string role, LockedFile? locked, string filePath, IProgress<LockCheckProgress>? progress, CancellationToken cancellationToken)
    {
        var info = new FileInfo(filePath);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"The {role} file to check against the model lock does not exist: '{filePath}'.", filePath);
        }
        long size = info.Length;
        if (locked?.Bytes is { } lockedBytes && lockedBytes != size)
        {
            return new LockedFileCheck(role, filePath, LockedFileStatus.Mismatch, locked, size, null, MismatchedProperty.Size);
        }
        var hashed = progress is null ? null : new HashProgress(progress, role, filePath, size);
        string sha256 = FileHashing.Sha256Hex(filePath, cancellationToken, hashed);
        var (status, mismatch) = locked switch
        {
            null => (LockedFileStatus.Unknown, (MismatchedProperty?)null),
            { Sha256: null } => (LockedFileStatus.Unverified, null),
            _ when locked.Sha256 == sha256 => (LockedFileStatus.Verified, null),
            _ => (LockedFileStatus.Mismatch, MismatchedProperty.Sha256),
        };
        return new LockedFileCheck(role, filePath, status, locked, size, sha256, mismatch);
    }

    /// <summary>Forwards hashed byte counts synchronously (unlike <see cref="Progress{T}"/>, which posts).</summary>
    private sealed class HashProgress(IProgress<LockCheckProgress> target, string role, string filePath, long size) : IProgress<long>
    {
        public void Report(long value) => target.Report(new LockCheckProgress(role, filePath, value, size));
    }
}
