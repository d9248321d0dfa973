using FluxOnnx.Tools.Downloads;

namespace FluxOnnx.Tools.Tests.Downloads;

/// <summary>Collects reports synchronously (unlike <see cref="Progress{T}"/>) and runs an optional hook on each.</summary>
internal sealed class RecordingProgress(Action<DownloadProgress>? onReport = null) : IProgress<DownloadProgress>
{
    private readonly List<DownloadProgress> _reports = [];

    public IReadOnlyList<DownloadProgress> Reports => _reports;

    public void Report(DownloadProgress value)
    {
        _reports.Add(value);
        onReport?.Invoke(value);
    }
}
