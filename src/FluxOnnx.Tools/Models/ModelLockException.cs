namespace FluxOnnx.Tools.Models;

/// <summary>
/// A lock file is malformed, or a lookup named an unknown model. <see cref="Reason"/> says which rule;
/// <see cref="FilePath"/> and <see cref="JsonPath"/> (such as <c>$.models[2].files[0].sha256</c>) say where, and
/// <see cref="Problem"/> says what, in words. The message repeats all of them.
/// </summary>
public sealed class ModelLockException : FluxOnnxException
{
    public ModelLockException(
        ModelLockError reason,
        string filePath,
        string? jsonPath,
        string problem,
        IReadOnlyList<string>? knownNames = null,
        Exception? innerException = null)
        : base(FormatMessage(filePath, jsonPath, problem, knownNames), innerException)
    {
        Reason = reason;
        FilePath = filePath;
        JsonPath = jsonPath;
        Problem = problem;
        KnownNames = knownNames ?? [];
    }

    /// <summary>The rule the file (or the lookup) broke.</summary>
    public ModelLockError Reason { get; }

    /// <summary>The lock file concerned.</summary>
    public string FilePath { get; }

    /// <summary>Where in the JSON the problem is (<c>$</c>-rooted, with array indices), when it is about one place.</summary>
    public string? JsonPath { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }

    /// <summary>For <see cref="ModelLockError.UnknownModel"/>: the model names the lock does list, in file order.</summary>
    public IReadOnlyList<string> KnownNames { get; }

    private static string FormatMessage(string filePath, string? jsonPath, string problem, IReadOnlyList<string>? knownNames)
    {
        string where = jsonPath is null ? $"'{filePath}'" : $"'{filePath}' at {jsonPath}";
        string known = knownNames is null ? "" : $" Known models: {string.Join(", ", knownNames)}.";
        return $"Model lock {where}: {problem}.{known}";
    }
}
