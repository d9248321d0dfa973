using FluxOnnx.Converter.Conversion;
using FluxOnnx.Converter.Tests.Conversion;

namespace FluxOnnx.Tools.Tests.Comparison;

/// <summary>
/// The fixture models converted three ways, once per test class: schnell fp32 for target cpu (fused attention) and for
/// target tensorrt (MatMul/Softmax attention) — the same weights, different float32 rounding only — and the tiny
/// Fill model (another variant).
/// </summary>
public sealed class ComparisonPackages : IDisposable
{
    public ComparisonPackages()
    {
        Root = Directory.CreateTempSubdirectory("flux-cmp-").FullName;
        Cpu = Path.Combine(Root, "schnell-cpu");
        TensorRt = Path.Combine(Root, "schnell-tensorrt");
        Fill = Path.Combine(Root, "fill");
        PackageConverter.Convert(FixturePackage.Request(Cpu));
        PackageConverter.Convert(FixturePackage.Request(TensorRt) with { Target = Target.TensorRt });
        PackageConverter.Convert(FixturePackage.Request(Fill, "flux-tiny-fill"));
    }

    public string Root { get; }

    public string Cpu { get; }

    public string TensorRt { get; }

    public string Fill { get; }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
