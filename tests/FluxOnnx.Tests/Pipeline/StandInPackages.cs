using FluxOnnx.Packaging;
using FluxOnnx.Pipeline;

namespace FluxOnnx.Tests.Pipeline;

/// <summary>
/// Two stand-in packages shared by the pipeline tests (schnell-like: no guidance input, no shift; dev-like: guidance
/// input, shift, default guidance 3.5), plus a scratch folder for per-test packages. Deleted with the fixture.
/// </summary>
public sealed class StandInPackages : IDisposable
{
    public StandInPackages()
    {
        Root = Path.Combine(Path.GetTempPath(), "fluxonnx-pipeline-tests-" + Guid.NewGuid().ToString("N"));
        Schnell = StandInPackage.Write(Path.Combine(Root, "schnell"), new StandInSpec());
        Dev = StandInPackage.Write(Path.Combine(Root, "dev"), new StandInSpec
        {
            Variant = Variant.Dev,
            GuidanceInput = true,
            Defaults = new SamplingDefaults(Steps: 3, Guidance: 3.5f, Shift: true, Width: 32, Height: 64),
        });
    }

    public string Root { get; }

    public string Schnell { get; }

    public string Dev { get; }

    /// <summary>Writes a package variant into a fresh folder under <see cref="Root"/>.</summary>
    internal string Write(StandInSpec spec) => StandInPackage.Write(Path.Combine(Root, Guid.NewGuid().ToString("N")), spec);

    internal static PipelineOptions Options(bool lowMemory = false) => new() { IntraOpThreads = 1, LowMemory = lowMemory };

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
