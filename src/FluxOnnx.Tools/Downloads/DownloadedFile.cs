using FluxOnnx.Tools.Models;

namespace FluxOnnx.Tools.Downloads;

/// <summary>One file of a model, in place in the destination folder.</summary>
/// <param name="FilePath">The final path on disk.</param>
/// <param name="Url">The URL it resolves from.</param>
/// <param name="Outcome">Downloaded or already present.</param>
/// <param name="Check">
/// The final file against the lock: <see cref="LockedFileStatus.Verified"/>, or <see cref="LockedFileStatus.Unverified"/>
/// when the lock has no sha256 (never a mismatch: that throws). Carries the actual size and sha256.
/// </param>
public sealed record DownloadedFile(string FilePath, string Url, DownloadOutcome Outcome, LockedFileCheck Check);
