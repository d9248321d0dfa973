using System.Diagnostics.Metrics;
using FluxOnnx.Serving.Jobs;

namespace FluxOnnx.Serving.Metrics;

/// <summary>
/// The service's instruments, on its own <see cref="Meter"/> named <see cref="MeterName"/> (one per service instance,
/// so two services in one process never mix their numbers). Prometheus exporters prefix the meter name (<c>fluxonnx_serving_queue_depth</c>, counters end in <c>_total</c>); each carries a
/// <c>model</c> tag.
/// </summary>
public sealed class ServingMetrics : IDisposable
{
    public const string MeterName = "FluxOnnx.Serving";

    private readonly Counter<long> _jobs;
    private readonly Counter<long> _images;
    private readonly Counter<long> _cancellations;
    private readonly Histogram<double> _step;
    private readonly Histogram<double> _total;
    private readonly Histogram<int> _batch;

    internal ServingMetrics(Func<IEnumerable<(string Model, int Queued, int Running)>> depths)
    {
        Meter = new Meter(MeterName, typeof(ServingMetrics).Assembly.GetName().Version?.ToString());
        Meter.CreateObservableGauge("queue_depth", () => depths().Select(d => new Measurement<int>(d.Queued, Tag(d.Model))),
            "{job}", "Jobs waiting in the model's queue.");
        Meter.CreateObservableGauge("jobs_running", () => depths().Select(d => new Measurement<int>(d.Running, Tag(d.Model))),
            "{job}", "Jobs in the model's running batch.");
        _jobs = Meter.CreateCounter<long>("jobs", "{job}", "Jobs by outcome: succeeded, failed, cancelled, rejected (queue full).");
        _images = Meter.CreateCounter<long>("images_generated", "{image}", "Images generated and delivered.");
        _cancellations = Meter.CreateCounter<long>("cancellations", "{job}", "Jobs cancelled, by reason: client, disconnect, shutdown.");
        _step = Meter.CreateHistogram<double>("step_duration_seconds", "s", "Duration of one denoising step of a batch.");
        _total = Meter.CreateHistogram<double>("job_duration_seconds", "s", "Submit to result of a succeeded job (queue + generation).");
        _batch = Meter.CreateHistogram<int>("batch_images", "{image}", "Images per transformer batch.");
    }

    /// <summary>The meter every instrument lives on; hosts export it (e.g. as Prometheus text).</summary>
    public Meter Meter { get; }

    /// <summary>Bucket bounds suited to each histogram, for exporters that ask (seconds, or images).</summary>
    public static IReadOnlyList<double> BucketsFor(string instrument) => instrument switch
    {
        "step_duration_seconds" => [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
        "job_duration_seconds" => [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600],
        "batch_images" => [1, 2, 3, 4, 6, 8, 12, 16],
        _ => [0.01, 0.1, 1, 10, 100],
    };

    internal void JobFinished(string model, ImageJobStatus status) =>
        _jobs.Add(1, Tag(model), new KeyValuePair<string, object?>("outcome", status.ToString().ToLowerInvariant()));

    internal void JobRejected(string model) => _jobs.Add(1, Tag(model), new KeyValuePair<string, object?>("outcome", "rejected"));

    internal void ImagesGenerated(string model, int count) => _images.Add(count, Tag(model));

    internal void Cancelled(string model, CancellationReason reason) =>
        _cancellations.Add(1, Tag(model), new KeyValuePair<string, object?>("reason", reason.ToString().ToLowerInvariant()));

    internal void Step(string model, TimeSpan duration) => _step.Record(duration.TotalSeconds, Tag(model));

    internal void JobDuration(string model, TimeSpan duration) => _total.Record(duration.TotalSeconds, Tag(model));

    internal void Batch(string model, int images) => _batch.Record(images, Tag(model));

    private static KeyValuePair<string, object?> Tag(string model) => new("model", model);

    public void Dispose() => Meter.Dispose();
}
