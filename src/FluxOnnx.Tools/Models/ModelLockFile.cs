using System.Text.Json;

namespace FluxOnnx.Tools.Models;

/// <summary>
/// Reads <c>models.lock.json</c>. Everything is validated on load — required fields, JSON types, unknown fields,
/// unique model names, unique file paths and roles per model, safe relative paths, sha256 shape — and any breach is a
/// <see cref="ModelLockException"/> naming the file, the JSON path and the problem. Nulls are kept as nulls: they mean
/// "not confirmed from a public source", never a default value.
/// </summary>
public static class ModelLockFile
{
    /// <summary>The only <c>format_version</c> this reader accepts.</summary>
    public const int SupportedFormatVersion = 1;

    private static readonly string[] RootFields = ["format_version", "note", "models"];
    private static readonly string[] ModelFields =
        ["name", "kind", "variant", "repository", "revision", "files", "architecture", "source", "note"];
    private static readonly string[] FileFields = ["path", "role", "bytes", "sha256"];
    private static readonly string[] ArchitectureFields =
        ["in_channels", "guidance_embed", "depth", "depth_single_blocks", "hidden_size"];

    /// <summary>Loads and validates a lock file.</summary>
    /// <exception cref="ModelLockException">The file cannot be read or breaks the schema.</exception>
    public static ModelLock Load(string path)
    {
        byte[] utf8;
        try
        {
            utf8 = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelLockException(ModelLockError.Unreadable, path, null, $"cannot read the file: {e.Message}", innerException: e);
        }
        return Parse(utf8, path);
    }

    /// <summary>Parses and validates lock JSON; <paramref name="filePath"/> only labels errors.</summary>
    /// <exception cref="ModelLockException">The JSON breaks the schema.</exception>
    public static ModelLock Parse(ReadOnlySpan<byte> utf8Json, string filePath)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            document = JsonDocument.ParseValue(ref reader);
            if (reader.Read())
            {
                throw new ModelLockException(ModelLockError.InvalidJson, filePath, "$", "content follows the top-level value");
            }
        }
        catch (JsonException e)
        {
            throw new ModelLockException(ModelLockError.InvalidJson, filePath, e.Path ?? "$",
                $"not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})", innerException: e);
        }
        using (document)
        {
            return ReadRoot(new LockJsonObject(document.RootElement, "$", filePath, RootFields));
        }
    }

    private static ModelLock ReadRoot(LockJsonObject root)
    {
        int version = root.Int32("format_version");
        if (version != SupportedFormatVersion)
        {
            throw root.Error(ModelLockError.UnsupportedFormatVersion, root.At("format_version"),
                $"version {version} is not supported; this reader understands {SupportedFormatVersion}");
        }
        var items = root.OptionalArray("models", required: true)!;
        var models = new List<ModelLockEntry>(items.Count);
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < items.Count; i++)
        {
            var model = ReadModel(new LockJsonObject(items[i], $"{root.At("models")}[{i}]", root.FilePath, ModelFields));
            if (!names.TryAdd(model.Name, i))
            {
                throw root.Error(ModelLockError.DuplicateModel, $"{root.At("models")}[{i}].name",
                    $"the name '{model.Name}' is already used by $.models[{names[model.Name]}]");
            }
            models.Add(model);
        }
        return new ModelLock(root.FilePath, version, models, root.OptionalString("note"));
    }

    private static ModelLockEntry ReadModel(LockJsonObject model)
    {
        string repository = model.String("repository");
        if (repository.Split('/') is not [{ Length: > 0 }, { Length: > 0 }])
        {
            throw model.Error(ModelLockError.InvalidValue, model.At("repository"),
                $"expected a repository id 'owner/name', found '{repository}'");
        }
        List<LockedFile>? files = null;
        if (model.OptionalArray("files") is { } items)
        {
            files = new List<LockedFile>(items.Count);
            for (int i = 0; i < items.Count; i++)
            {
                string at = $"{model.At("files")}[{i}]";
                var file = ReadFile(new LockJsonObject(items[i], at, model.FilePath, FileFields));
                int pathTwin = files.FindIndex(f => string.Equals(f.Path, file.Path, StringComparison.Ordinal));
                int roleTwin = files.FindIndex(f => string.Equals(f.Role, file.Role, StringComparison.Ordinal));
                if (pathTwin >= 0 || roleTwin >= 0)
                {
                    string problem = pathTwin >= 0
                        ? $"the path '{file.Path}' is already listed at {model.At("files")}[{pathTwin}]"
                        : $"the role '{file.Role}' is already used at {model.At("files")}[{roleTwin}]";
                    throw model.Error(ModelLockError.DuplicateFile, at, problem);
                }
                files.Add(file);
            }
        }
        LockedArchitecture? architecture = null;
        if (model.Get("architecture", required: false) is { } element)
        {
            var arch = new LockJsonObject(element, model.At("architecture"), model.FilePath, ArchitectureFields);
            architecture = new LockedArchitecture(arch.Int32("in_channels"), arch.Boolean("guidance_embed"),
                arch.Int32("depth"), arch.Int32("depth_single_blocks"), arch.Int32("hidden_size"));
        }
        return new ModelLockEntry(
            model.String("name"),
            model.String("kind"),
            OptionalVariant(model),
            repository,
            model.OptionalString("revision"),
            files,
            architecture,
            model.OptionalString("source"),
            model.OptionalString("note"));
    }

    private static Variant? OptionalVariant(LockJsonObject model)
    {
        if (model.OptionalString("variant") is not { } name)
        {
            return null;
        }
        return PackageNames.TryParse(name, out Variant variant)
            ? variant
            : throw model.Error(ModelLockError.InvalidValue, model.At("variant"), $"expected one of {string.Join(", ", PackageNames.Variants)}, got '{name}'");
    }

    private static LockedFile ReadFile(LockJsonObject file)
    {
        string path = file.String("path");
        if (path.StartsWith('/') || path.Contains('\\') || Path.IsPathRooted(path)
            || path.Split('/').Any(segment => segment is "" or "." or ".."))
        {
            throw file.Error(ModelLockError.InvalidValue, file.At("path"),
                $"'{path}' is not a safe relative path ('/'-separated, no empty, '.' or '..' segments)");
        }
        long? bytes = file.OptionalInt64("bytes");
        if (bytes < 0)
        {
            throw file.Error(ModelLockError.InvalidValue, file.At("bytes"), $"a size cannot be negative ({bytes})");
        }
        string? sha256 = file.OptionalString("sha256");
        if (sha256 is not null && (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower)))
        {
            throw file.Error(ModelLockError.InvalidValue, file.At("sha256"),
                $"expected 64 lower-case hex digits, found '{sha256}'");
        }
        return new LockedFile(path, file.String("role"), bytes, sha256);
    }
}
