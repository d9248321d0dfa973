using System.CommandLine;

namespace FluxOnnx.Cli;

/// <summary>
/// How a failure ends the process. A command line System.CommandLine cannot parse (unknown flag, a value not of the
/// flag's type or choices, a failed option rule) is the user's: one line per error and exit 2. <see cref="FluxOnnxException"/> (the library's typed errors and
/// <see cref="CliUsageException"/>) is the user's to act on: one line, request fields spelled as the flags that
/// set them (<see cref="FieldFlags"/>), exit 2. So are the few BCL errors about paths the user named (missing
/// file or folder, no permission). Cancellation exits 130. Anything else, an <see cref="ArgumentException"/> from
/// library code included, is a bug: exit 70 (EX_SOFTWARE) with the full stack trace.
/// </summary>
public static class CliErrors
{
    public const int UserError = 2;
    public const int Bug = 70;
    public const int Cancelled = 130;

    /// <summary>Writes what the user sees for <paramref name="e"/> to <paramref name="stderr"/>; returns the exit code.</summary>
    public static int Report(Exception e, TextWriter stderr)
    {
        switch (e)
        {
            case OperationCanceledException:
                stderr.WriteLine("flux: cancelled");
                return Cancelled;
            case FluxOnnxException or FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException:
                stderr.WriteLine($"flux: {Describe(e)}");
                return UserError;
            default:
                stderr.WriteLine($"flux: internal error (a bug in flux; please report it with this trace): {e}");
                return Bug;
        }
    }

    /// <summary>Writes one line per parse error and where to find the usage; returns <see cref="UserError"/>.</summary>
    public static int ReportParseErrors(ParseResult parse, TextWriter stderr)
    {
        foreach (var error in parse.Errors)
        {
            stderr.WriteLine($"flux: {error.Message.ReplaceLineEndings(" ")}");
        }
        var command = string.Join(' ', parse.CommandResult.Command is RootCommand ? ["flux"] : new[] { "flux", parse.CommandResult.Command.Name });
        stderr.WriteLine($"flux: see '{command} --help' for usage");
        return UserError;
    }

    /// <summary>The one line for a user-facing error.</summary>
    public static string Describe(Exception e) => (e switch
    {
        InvalidRequestException r => r.MessageFor(FieldFlags.Spell(r.Field)),
        _ when LoraErrorText.Describe(e) is { } lora => lora,
        FileNotFoundException f when f.FileName is not null && !f.Message.Contains(f.FileName, StringComparison.Ordinal) => $"{f.FileName}: {f.Message}",
        _ => e.Message,
    }).ReplaceLineEndings(" ");
}
