using System.Diagnostics;
using System.Globalization;

namespace FluxOnnx.Tools.Benchmarking;

/// <summary>
/// The process's peak resident memory: <c>VmHWM</c> from <c>/proc/self/status</c> on Linux (the kernel's
/// high-water mark of anonymous + file-backed + shared resident pages), <see cref="Process.PeakWorkingSet64"/> elsewhere.
/// </summary>
public static class PeakWorkingSet
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
                    return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }
}
