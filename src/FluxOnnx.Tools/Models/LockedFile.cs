namespace FluxOnnx.Tools.Models;

/// <summary>
/// One file of a locked model, as the repository names it. A null <see cref="Bytes"/> or <see cref="Sha256"/> means the
/// value was not confirmed from a public source: checks against it are skipped and reported as unverified, never as passed.
/// </summary>
/// <param name="Path">Path inside the repository, '/'-separated, relative, without <c>..</c> segments.</param>
/// <param name="Role">What the file is to the converter (<c>transformer</c>, <c>ae</c>, ...); unique within one model.</param>
/// <param name="Bytes">Exact size, when confirmed.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the content, when confirmed.</param>
public sealed record LockedFile(string Path, string Role, long? Bytes, string? Sha256);
