using System.Globalization;
using FluxOnnx.Converter.Lora;

namespace FluxOnnx.Cli;

/// <summary>
/// <c>--lora FILE[:STRENGTH]</c> values. STRENGTH (default 1) is the text after the last colon when the whole value
/// is not itself an existing file (so <c>C:\loras\a.safetensors</c> and names holding a colon still work); it must
/// be a finite invariant-culture number. The file must exist. Failures are usage errors naming the flag.
/// </summary>
public static class LoraOptionParser
{
    /// <exception cref="CliUsageException">A strength that is not a finite number, or a file that does not exist.</exception>
    public static IReadOnlyList<LoraSpec> Parse(IReadOnlyList<string>? values, string flag = "--lora")
    {
        if (values is null || values.Count == 0)
        {
            return [];
        }
        return [.. values.Select(v => ParseOne(v, flag))];
    }

    private static LoraSpec ParseOne(string value, string flag)
    {
        var path = value;
        var strength = 1.0;
        var colon = value.LastIndexOf(':');
        if (!File.Exists(value) && colon >= 0 && !IsDriveColon(value, colon))
        {
            var text = value[(colon + 1)..];
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out strength) || !double.IsFinite(strength))
            {
                throw new CliUsageException(flag, $"{flag}: expected FILE[:STRENGTH] with a finite number as STRENGTH, got '{value}'");
            }
            path = value[..colon];
        }
        if (!File.Exists(path))
        {
            throw new CliUsageException(flag, $"{flag}: no such file: {Path.GetFullPath(path)}");
        }
        return new LoraSpec(path, strength);
    }

    /// <summary>A Windows drive colon (<c>C:\…</c>), never a strength separator.</summary>
    private static bool IsDriveColon(string value, int colon) =>
        colon == 1 && char.IsAsciiLetter(value[0]) && value.Length > 2 && value[2] is '\\' or '/';
}
