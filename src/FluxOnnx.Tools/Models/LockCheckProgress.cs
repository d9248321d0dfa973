namespace FluxOnnx.Tools.Models;

/// <summary>Hashing progress of one file being checked against the lock.</summary>
/// <param name="Role">The file's role.</param>
/// <param name="FilePath">The file being hashed.</param>
/// <param name="BytesDone">Bytes hashed so far.</param>
/// <param name="BytesTotal">The file's size.</param>
public readonly record struct LockCheckProgress(string Role, string FilePath, long BytesDone, long BytesTotal);
