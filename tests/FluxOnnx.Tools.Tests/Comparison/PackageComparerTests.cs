using FluxOnnx.Tools.Comparison;
using FluxOnnx.Tools.Debugging;
using FluxOnnx.Converter.Safetensors;
using FluxOnnx.Packaging;
using FluxOnnx.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace FluxOnnx.Tools.Tests.Comparison;

public sealed class PackageComparerTests(ComparisonPackages packages, ITestOutputHelper output) : IClassFixture<ComparisonPackages>
{
    [Fact]
    public void Cpu_and_tensorrt_fp32_packages_agree_to_float32_rounding()
    {
        var progress = new List<ComparisonProgress>();
        var report = PackageComparer.Compare(new CompareRequest(packages.Cpu, packages.TensorRt, Prompts: 2),
            new SyncProgress<ComparisonProgress>(progress.Add));
        foreach (var t in report.Tensors.Concat(report.TransformerSteps))
        {
            output.WriteLine($"{t.Name}: max {t.MaxAbsError:E3} mean {t.MeanAbsError:E3} cosine {t.CosineSimilarity:F9}");
        }
        output.WriteLine($"image: psnr {report.Image.PsnrDecibels} ssim {report.Image.MeanSsim} max px {report.Image.MaxPixelDifference}");

        Assert.Equal((128, 128, 4, (float?)null), (report.Width, report.Height, report.Steps, report.Guidance));
        Assert.Equal(ComparedTensors.All, report.Tensors.Select(t => t.Name));
        Assert.Equal(4, report.TransformerSteps.Count);
        // Two cases of: T5 [256, 64], CLIP pooled [32], predictions [64 tokens, 64] per step, decoded [3, 128, 128].
        Assert.Equal(2 * 256 * 64, report[ComparedTensors.T5States].Elements);
        Assert.Equal(2 * 32, report[ComparedTensors.ClipPooled].Elements);
        Assert.Equal(2 * 64 * 64, report[ComparedTensors.TransformerFirstStep].Elements);
        Assert.Equal(4 * 2 * 64 * 64, report[ComparedTensors.TransformerAllSteps].Elements);
        Assert.Equal(2 * 3 * 128 * 128, report[ComparedTensors.VaeDecoded].Elements);
        foreach (var t in report.Tensors.Concat(report.TransformerSteps))
        {
            Assert.InRange(t.CosineSimilarity, 0.99999, 1.0);
        }
        // Budgets from the fixtures' float32-vs-float64 tolerances (shared/fixtures/README.md "Tolerances"): the text
        // encoders' suggested atol is 4e-5, the ae round trip's 5e-5, and about 1e-4 is a fair budget for a float32
        // schnell transformer graph; the Euler steps sum dt = 1, so the final latent stays within the same 1e-4.
        Assert.InRange(report[ComparedTensors.T5States].MaxAbsError, 0, 4e-5);
        Assert.InRange(report[ComparedTensors.ClipPooled].MaxAbsError, 0, 4e-5);
        Assert.InRange(report[ComparedTensors.TransformerFirstStep].MaxAbsError, 0, 1e-4);
        Assert.InRange(report[ComparedTensors.TransformerAllSteps].MaxAbsError, 0, 1e-4);
        Assert.InRange(report[ComparedTensors.FinalLatent].MaxAbsError, 0, 1e-4);
        Assert.InRange(report[ComparedTensors.VaeDecoded].MaxAbsError, 0, 1e-4);
        // 8-bit images: truncation can flip a pixel near an integer boundary by 1 (fixtures: "PNG ±1").
        Assert.InRange(report.Image.MaxPixelDifference, 0, 1);
        Assert.True(report.Image.PsnrDecibels is null || report.Image.PsnrDecibels > 48.13, $"PSNR {report.Image.PsnrDecibels}");
        Assert.InRange(report.Image.MinSsim, 0.999, 1.0);
        Assert.Equal([0, 1], report.Image.Cases.Select(c => c.Index));
        Assert.Equal([0UL, 1UL], report.Image.Cases.Select(c => c.Seed));
        Assert.Equal(ComparisonPrompts.All.Take(2), report.Image.Cases.Select(c => c.Prompt));

        Assert.Equal((Precision.Fp32, Target.Cpu, Target.TensorRt), (report.A.Precision, report.A.Target, report.B.Target));
        Assert.Equal(8, report.A.StepCount);
        Assert.True(report.A.MedianStepMilliseconds > 0);
        var manifest = ModelPackage.Open(packages.Cpu).Manifest;
        var transformer = manifest.Components[ComponentRoles.Transformer];
        Assert.Equal(ComponentBytes(packages.Cpu, transformer.Path, transformer.Data), report.A.ComponentBytes[ComponentRoles.Transformer]);
        Assert.Equal(manifest.Files.Keys.Sum(f => new FileInfo(Path.Combine(packages.Cpu, f)).Length), report.A.TotalBytes);
        Assert.Equal(ComponentRoles.All, report.A.ComponentBytes.Keys);

        Assert.Equal(ComparisonStage.Opening, progress[0].Stage);
        Assert.Equal(new ComparisonProgress(ComparisonStage.Generating, "b", 2, 2), progress[^2]);
        Assert.Equal(ComparisonStage.Completed, progress[^1].Stage);
    }

    [Fact]
    public void A_package_compared_with_itself_is_exact()
    {
        var inputs = Path.Combine(SharedPaths.Case("sample_schnell_4steps_128x128"), "tensors.safetensors");
        var report = PackageComparer.Compare(new CompareRequest(packages.Cpu, packages.Cpu, InputsPath: inputs, FirstSeed: 42, Steps: 2));
        Assert.All(report.Tensors, t => Assert.Equal((0.0, 0.0, 1.0), (t.MaxAbsError, t.MeanAbsError, t.CosineSimilarity)));
        Assert.Null(report.Image.PsnrDecibels);
        Assert.Equal(1.0, report.Image.MeanSsim, 12);
        var c = Assert.Single(report.Image.Cases);
        Assert.Equal((0, (string?)null, 42UL), (c.Index, c.Prompt, c.Seed));
        Assert.Equal(2, report.Steps);
        Assert.Equal(Path.GetFullPath(inputs), report.InputsPath);
    }

    [Fact]
    public void Different_variants_are_refused_before_anything_runs()
    {
        var e = Assert.Throws<IncompatiblePackagesException>(() => PackageComparer.Compare(new CompareRequest(packages.Cpu, packages.Fill)));
        Assert.Equal(("variant", "schnell", "fill"), (e.Property, e.ValueA, e.ValueB));
        Assert.Equal(Path.GetFullPath(packages.Fill), e.PackagePath);
    }

    [Fact]
    public void An_inputs_file_without_t5_ids_or_of_another_length_is_refused()
    {
        var dir = Directory.CreateTempSubdirectory("flux-cmp-in-").FullName;
        try
        {
            var onlyClip = Path.Combine(dir, "clip.safetensors");
            WriteIds(onlyClip, ("clip_input_ids", 77));
            var e = Assert.Throws<ComponentInputException>(() => PackageComparer.Compare(new CompareRequest(packages.Cpu, packages.TensorRt, InputsPath: onlyClip)));
            Assert.Equal(("t5_input_ids", "missing from the inputs file"), (e.TensorName, e.Problem));

            var shortT5 = Path.Combine(dir, "short.safetensors");
            WriteIds(shortT5, ("clip_input_ids", 77), ("t5_input_ids", 128));
            e = Assert.Throws<ComponentInputException>(() => PackageComparer.Compare(new CompareRequest(packages.Cpu, packages.TensorRt, InputsPath: shortT5)));
            Assert.Equal(("t5_input_ids", "[B, 256]", "[1, 128]"), (e.TensorName, e.Expected, e.Actual));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static void WriteIds(string path, params (string Name, int Length)[] tensors)
    {
        using var writer = SafetensorsWriter.Create(path,
            tensors.Select(t => new SafetensorsTensorDeclaration(t.Name, ElementType.Int64, 1, t.Length)).ToArray());
        foreach (var declaration in writer.WriteOrder)
        {
            writer.WriteTensor<long>(declaration.Name, new long[declaration.Shape[1]]);
        }
        writer.Complete();
    }

    private static long ComponentBytes(string root, string graph, string? data) =>
        new FileInfo(Path.Combine(root, graph)).Length + (data is null ? 0 : new FileInfo(Path.Combine(root, data)).Length);

    private sealed class SyncProgress<T>(Action<T> handler) : IProgress<T>
    {
        public void Report(T value) => handler(value);
    }
}
