using System.Diagnostics;
using System.Text.Json;

namespace FluxOnnx.Bench.Measuring;

/// <summary>
/// Runs a verb of this same bench program in a child process, so each measured phase has its own peak memory
/// (VmHWM), echoes the child's lines indented, and parses the one line that starts with <paramref name="marker"/>
/// as the phase's JSON result.
/// </summary>
internal static class ChildProcess
{
    public static T Run<T>(string marker, string verb, params string[] arguments) where T : class
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        }
        start.ArgumentList.Add(verb);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var child = Process.Start(start)!;
        T? result = null;
        string? line;
        while ((line = child.StandardOutput.ReadLine()) is not null)
        {
            if (line.StartsWith(marker, StringComparison.Ordinal))
            {
                result = JsonSerializer.Deserialize<T>(line[marker.Length..]);
            }
            else
            {
                Console.WriteLine("  | " + line);
            }
        }
        child.WaitForExit();
        if (child.ExitCode != 0 || result is null)
        {
            throw new InvalidOperationException($"{verb} {string.Join(' ', arguments)} failed with exit code {child.ExitCode}");
        }
        return result;
    }
}
