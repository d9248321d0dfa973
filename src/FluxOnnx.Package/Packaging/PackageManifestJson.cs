using System.Text.Json;
using System.Text.Json.Serialization;

namespace FluxOnnx.Packaging;

/// <summary>
/// Reads and writes <see cref="PackageManifest"/> as snake_case JSON. Writing goes to a temporary file that is
/// renamed over the target, so a reader never sees a half-written manifest.
/// </summary>
public static class PackageManifestJson
{
    /// <summary>Serializer settings shared by reader and writer (snake_case, indented, nulls kept).</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        AllowTrailingCommas = false,
        ReadCommentHandling = JsonCommentHandling.Disallow,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        Converters =
        {
            new ElementTypeJsonConverter(),
            new PackageNameJsonConverter<Variant>(PackageNames.Name),
            new PackageNameJsonConverter<Precision>(PackageNames.Name),
            new PackageNameJsonConverter<Target>(PackageNames.Name),
        },
    };

    /// <summary>Serializes a manifest to UTF-8 JSON text.</summary>
    public static string Serialize(PackageManifest manifest) => JsonSerializer.Serialize(manifest, Options);

    /// <summary>Parses manifest text; <paramref name="path"/> is only used in error messages.</summary>
    /// <exception cref="PackageException">The JSON is malformed, misses a member, or has an unknown one.</exception>
    /// <exception cref="ManifestValueException">A variant, precision or target this build does not know.</exception>
    public static PackageManifest Parse(string json, string path)
    {
        try
        {
            return JsonSerializer.Deserialize<PackageManifest>(json, Options)
                ?? throw new PackageException(path, "the manifest is JSON null");
        }
        catch (JsonException e) when (e.InnerException is UnknownPackageNameException unknown)
        {
            // The serializer set e.Path to the member's JSON path, e.g. "$.precision".
            var member = e.Path is { } at && at.StartsWith("$.", StringComparison.Ordinal) ? at[2..] : e.Path ?? "$";
            throw new ManifestValueException(path, member, unknown.Expected, unknown.Actual);
        }
        catch (JsonException e)
        {
            throw new PackageException(path, $"the manifest is not a valid FluxOnnx manifest: {e.Message}");
        }
    }

    /// <summary>Writes the manifest to <paramref name="path"/> through a temporary file renamed into place.</summary>
    public static void Write(PackageManifest manifest, string path)
    {
        var tmp = path + ".tmp-" + Guid.NewGuid().ToString("N");
        try
        {
            File.WriteAllText(tmp, Serialize(manifest) + "\n");
            File.Move(tmp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(tmp))
            {
                File.Delete(tmp);
            }
        }
    }
}
