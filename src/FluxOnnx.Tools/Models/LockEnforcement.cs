namespace FluxOnnx.Tools.Models;

/// <summary>What <see cref="ModelLockChecker.Check"/> does with a mismatch.</summary>
public enum LockEnforcement
{
    /// <summary>Return it as a <see cref="LockedFileStatus.Mismatch"/> result.</summary>
    Report,

    /// <summary>Throw <see cref="ModelFileMismatchException"/> for the first mismatch (after checking every file).</summary>
    ThrowOnMismatch,
}
