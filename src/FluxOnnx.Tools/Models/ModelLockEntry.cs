namespace FluxOnnx.Tools.Models;

/// <summary>One model of <c>models.lock.json</c>: where it is published and which files make it up.</summary>
/// <param name="Name">The name users pass (<c>flux1-dev</c>); unique in the lock.</param>
/// <param name="Kind"><c>transformer</c>, <c>t5</c>, <c>clip</c> or <c>ae</c>.</param>
/// <param name="Variant">For transformers, the FLUX.1 variant (<c>schnell</c>, <c>dev</c>, <c>fill</c>, ...).</param>
/// <param name="Repository">Hugging Face repository id, <c>owner/name</c>.</param>
/// <param name="Revision">Commit or branch; null when not confirmed, which means the default branch (<see cref="DefaultRevision"/>).</param>
/// <param name="Files">The files to fetch, or null when the repository's file list was not confirmed.</param>
/// <param name="Architecture">Transformer hyper-parameters, when the entry records them.</param>
/// <param name="Source">Where the values came from.</param>
/// <param name="Note">Free text for people.</param>
public sealed record ModelLockEntry(
    string Name,
    string Kind,
    Variant? Variant,
    string Repository,
    string? Revision,
    IReadOnlyList<LockedFile>? Files,
    LockedArchitecture? Architecture,
    string? Source,
    string? Note)
{
    /// <summary>The branch a null <see cref="Revision"/> stands for: Hugging Face's default branch.</summary>
    public const string DefaultRevision = "main";

    /// <summary><see cref="Revision"/>, or <see cref="DefaultRevision"/> when it is null.</summary>
    public string EffectiveRevision => Revision ?? DefaultRevision;

    /// <summary>The file with this role, or null when the entry has no file list or no such role.</summary>
    public LockedFile? FindRole(string role) => Files?.FirstOrDefault(f => string.Equals(f.Role, role, StringComparison.Ordinal));
}
