namespace FluxOnnx.Tools.Models;

/// <summary>A loaded <c>models.lock.json</c>: every model's repository and files, in file order.</summary>
/// <param name="FilePath">The file it was loaded from (used in error messages).</param>
/// <param name="FormatVersion">The schema version; <see cref="ModelLockFile.SupportedFormatVersion"/>.</param>
/// <param name="Models">The models, names unique.</param>
/// <param name="Note">Free text for people.</param>
public sealed record ModelLock(string FilePath, int FormatVersion, IReadOnlyList<ModelLockEntry> Models, string? Note)
{
    /// <summary>The model with this exact name.</summary>
    /// <exception cref="ModelLockException"><see cref="ModelLockError.UnknownModel"/>, listing the known names.</exception>
    public ModelLockEntry Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Models.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.Ordinal))
            ?? throw new ModelLockException(ModelLockError.UnknownModel, FilePath, null,
                $"no model is named '{name}'", Models.Select(m => m.Name).ToList());
    }
}
