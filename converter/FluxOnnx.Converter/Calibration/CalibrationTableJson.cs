using System.Text.Json;
using FluxOnnx.Packaging;

namespace FluxOnnx.Converter.Calibration;

/// <summary>
/// The JSON form of a <see cref="CalibrationTable"/> (snake_case; floats written shortest round-trip, so a table
/// reads back bit for bit). Writing the file is the caller's (tools write it through a temp file renamed into place).
/// </summary>
public static class CalibrationTableJson
{
    /// <summary>The package manifest's JSON settings (snake_case, indented, nulls kept, unknown members refused).</summary>
    private static JsonSerializerOptions Options => PackageManifestJson.Options;

    public static string Serialize(CalibrationTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return JsonSerializer.Serialize(table, Options) + "\n";
    }

    /// <exception cref="CalibrationTableException">The file is missing, unreadable or not a valid table.</exception>
    public static CalibrationTable Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CalibrationTableException(path, "no such file", e);
        }
        return Parse(json, path);
    }

    /// <summary>Parses table text; <paramref name="path"/> names the source in errors.</summary>
    /// <exception cref="CalibrationTableException">The text is not a valid table.</exception>
    public static CalibrationTable Parse(string json, string path)
    {
        CalibrationTable? table;
        try
        {
            table = JsonSerializer.Deserialize<CalibrationTable>(json, Options);
        }
        catch (JsonException e)
        {
            throw new CalibrationTableException(path, $"not a calibration table: {e.Message}", e);
        }
        if (table is null)
        {
            throw new CalibrationTableException(path, "the table is JSON null");
        }
        if (table.FormatVersion != CalibrationTable.CurrentFormatVersion)
        {
            throw new CalibrationTableException(path, $"format_version {table.FormatVersion} is not the supported {CalibrationTable.CurrentFormatVersion}");
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in table.Linears)
        {
            if (!seen.Add(entry.Name))
            {
                throw new CalibrationTableException(path, $"Linear '{entry.Name}' appears twice");
            }
            if (!float.IsFinite(entry.Amax) || entry.Amax < 0)
            {
                throw new CalibrationTableException(path, $"Linear '{entry.Name}' has amax {entry.Amax}; expected a finite value ≥ 0");
            }
            if (entry.Samples < 1)
            {
                throw new CalibrationTableException(path, $"Linear '{entry.Name}' has {entry.Samples} samples; expected ≥ 1");
            }
        }
        return table;
    }
}
