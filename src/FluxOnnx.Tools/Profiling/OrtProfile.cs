namespace FluxOnnx.Tools.Profiling;

/// <summary>
/// The kernel timings of the measured runs in one ONNX Runtime JSON profile (<see cref="OrtProfileReader"/>).
/// </summary>
/// <param name="Nodes">Every kernel execution inside the measured runs, in trace order.</param>
/// <param name="Runs">How many measured runs (<c>model_run</c> events) the nodes come from.</param>
/// <param name="RunMicroseconds">The measured runs' own durations (<c>model_run</c>'s <c>dur</c>), in order.</param>
public sealed record OrtProfile(IReadOnlyList<OrtNodeTiming> Nodes, int Runs, IReadOnlyList<long> RunMicroseconds);
