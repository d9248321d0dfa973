using FluxOnnx.Tools.Benchmarking;
namespace FluxOnnx.Bench.LargeModels;

/// <summary>
/// Samples this process's resident memory from <c>/proc/self/status</c> every <see cref="Period"/> on a background
/// thread and keeps the peaks of <c>RssAnon</c> (heap, native buffers) and <c>RssFile</c> (file pages mapped into the
/// process: a memory-mapped checkpoint's touched pages count here, and the kernel may drop them under pressure since
/// they are clean). <c>VmHWM</c> is the kernel's exact peak of their sum; the sampled peaks may miss spikes shorter
/// than the period. Linux only; elsewhere every figure is 0 except <see cref="PeakWorkingSet.Bytes"/>.
/// </summary>
internal sealed class MemorySampler : IDisposable
{
    public static readonly TimeSpan Period = TimeSpan.FromMilliseconds(100);

    private readonly Thread _thread;
    private readonly ManualResetEventSlim _stop = new();

    public MemorySampler()
    {
        _thread = new Thread(Loop) { IsBackground = true, Name = "memory sampler" };
        _thread.Start();
    }

    public long PeakAnonBytes { get; private set; }

    public long PeakFileBytes { get; private set; }

    /// <summary>Stops sampling (after one last sample) and returns <c>VmHWM</c>.</summary>
    public long Stop()
    {
        if (!_stop.IsSet)
        {
            _stop.Set();
            _thread.Join();
        }
        return PeakWorkingSet.Bytes();
    }

    public void Dispose()
    {
        Stop();
        _stop.Dispose();
    }

    private void Loop()
    {
        do
        {
            Sample();
        }
        while (!_stop.Wait(Period));
        Sample();
    }

    private void Sample()
    {
        const string Status = "/proc/self/status";
        if (!File.Exists(Status)) return;
        foreach (var line in File.ReadLines(Status))
        {
            if (line.StartsWith("RssAnon:", StringComparison.Ordinal)) PeakAnonBytes = Math.Max(PeakAnonBytes, Kb(line));
            else if (line.StartsWith("RssFile:", StringComparison.Ordinal)) PeakFileBytes = Math.Max(PeakFileBytes, Kb(line));
        }
    }

    // "RssAnon:     123456 kB"
    private static long Kb(string line) =>
        long.Parse(line[(line.IndexOf(':') + 1)..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
}
