using System.Text.RegularExpressions;

namespace FluxOnnx.Runtime;

/// <summary>
/// Reads the two facts FluxOnnx needs out of ONNX Runtime's exception messages, which are its only carrier: the managed
/// API puts the error code in a "[ErrorCode:X] " prefix and the loader's reason in the text ("Failed to load library
/// X with error: libcublasLt.so.13: cannot open shared object file", or on Windows "LoadLibrary failed with error 126
/// … when trying to load X").
/// </summary>
internal static partial class OrtMessages
{
    /// <summary>The message without the "[ErrorCode:X] " prefix and surrounding white space.</summary>
    public static string WithoutErrorCode(string message) => ErrorCodePrefix().Replace(message, "").Trim();

    /// <summary>The code in the "[ErrorCode:X]" prefix, or null.</summary>
    public static string? ErrorCode(string message)
    {
        var match = ErrorCodePrefix().Match(message);
        return match.Success ? match.Groups["code"].Value : null;
    }

    /// <summary>The shared library a dynamic-loader message says is missing, or null.</summary>
    public static string? MissingLibrary(string message)
    {
        var linux = LinuxMissing().Match(message);
        if (linux.Success)
        {
            return linux.Groups["lib"].Value;
        }
        var windows = WindowsMissing().Match(message);
        return windows.Success ? Path.GetFileName(windows.Groups["lib"].Value.Trim('"', '\'')) : null;
    }

    [GeneratedRegex(@"^\s*\[ErrorCode:(?<code>[A-Za-z]+)\]\s*")]
    private static partial Regex ErrorCodePrefix();

    [GeneratedRegex(@"(?<lib>[^\s:/]+\.so(\.[0-9]+)*): cannot open shared object file")]
    private static partial Regex LinuxMissing();

    [GeneratedRegex(@"LoadLibrary failed with error \d+ .*? when trying to load (?<lib>\S+)")]
    private static partial Regex WindowsMissing();
}
