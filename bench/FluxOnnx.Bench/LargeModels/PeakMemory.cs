using System.Diagnostics;

namespace FluxOnnx.Bench.LargeModels;

/// <summary>
/// The process's peak resident set: <c>VmHWM</c> from <c>/proc/self/status</c> on Linux (the kernel's high-water
/// mark, page cache excluded), <see cref="Process.PeakWorkingSet64"/> elsewhere.
/// </summary>
internal static class PeakMemory
{
    public static long Bytes()
    {
        const string Status = "/proc/self/status";
        if (File.Exists(Status))
        {
            foreach (var line in File.ReadLines(Status))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    // "VmHWM:     123456 kB"
                    return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0]) * 1024;
                }
            }
        }
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }
}
