using System.CommandLine;
using System.Globalization;
using FluxOnnx.Cli.Rendering;
using FluxOnnx.Tools.Comparison;
using FluxOnnx.Runtime.Providers;
using Spectre.Console;

namespace FluxOnnx.Cli.Commands;

/// <summary>
/// <c>flux compare PACKAGE_A PACKAGE_B [--inputs FILE | --prompts N] --json OUT</c>: how close package B (e.g. an
/// int8 build) stays to package A (the fp32 reference) on the same inputs. Prints a table, writes the JSON report.
/// </summary>
public static class CompareCommand
{
    public static Command Create()
    {
        var packageA = new Argument<string>("package-a") { Description = "Reference package folder (e.g. the fp32 build)." };
        var packageB = new Argument<string>("package-b") { Description = "Package to measure against the reference (same variant)." };
        var inputs = new Option<string?>("--inputs") { Description = "Safetensors file with clip_input_ids [B, 77] and t5_input_ids [B, L] (I64); e.g. a fixture case's tensors.safetensors." };
        var prompts = new Option<int?>("--prompts") { Description = "Number of built-in prompts, with seeds SEED.. SEED+N-1 (default 1; not with --inputs)." };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the first case; case i uses SEED + i.", DefaultValueFactory = _ => 0 };
        var width = new Option<int?>("--width") { Description = "Image width (default: package A's)." };
        var height = new Option<int?>("--height") { Description = "Image height (default: package A's)." };
        var steps = new Option<int?>("--steps") { Description = "Denoising steps (default: package A's)." };
        var provider = new Option<string>("--provider") { Description = "cpu, cuda, tensorrt, directml or auto.", DefaultValueFactory = _ => "cpu" };
        var threads = new Option<int?>("--threads") { Description = "Intra-op threads (default: ONNX Runtime's choice)." };
        threads.NonNegative();
        var json = new Option<string>("--json") { Description = "Where to write the JSON report.", Required = true };
        var command = new Command("compare", "Compare two packages of the same model (e.g. fp32 vs int8) on the same inputs.")
        {
            packageA, packageB, inputs, prompts, seed, width, height, steps, provider, threads, json,
        };
        command.SetAction((parse, ct) =>
        {
            var inputsPath = parse.GetValue(inputs);
            var promptCount = parse.GetValue(prompts);
            if (inputsPath is not null && promptCount is not null)
            {
                throw new CliUsageException("--prompts", "give either --inputs or --prompts, not both");
            }
            var request = new CompareRequest(
                parse.GetRequiredValue(packageA),
                parse.GetRequiredValue(packageB),
                inputsPath,
                promptCount ?? 1,
                parse.GetValue(seed),
                parse.GetValue(width),
                parse.GetValue(height),
                parse.GetValue(steps),
                ExecutionProviderParser.Parse(parse.GetRequiredValue(provider)),
                parse.GetValue(threads) ?? 0);
            var report = new StageProgress(parse.InvocationConfiguration.Error).Run(report => PackageComparer.Compare(request,
                new Reporter<ComparisonProgress>(p => report(Describe(p), p.Done, Math.Max(p.Total, 1))), ct));
            var jsonPath = Path.GetFullPath(parse.GetRequiredValue(json));
            ComparisonReportJson.Write(report, jsonPath);
            var stdout = parse.InvocationConfiguration.Output;
            Render(report, stdout);
            stdout.WriteLine($"wrote {jsonPath}");
            return Task.FromResult(0);
        });
        return command;
    }

    private static string Describe(ComparisonProgress p) => p.Stage switch
    {
        ComparisonStage.Opening => $"loading package {p.Package}",
        ComparisonStage.Generating => $"generating with package {p.Package}",
        _ => "done",
    };

    private static void Render(ComparisonReport report, TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = Math.Max(console.Profile.Width, 120);
        var cases = report.Image.Cases.Count;
        console.WriteLine($"B measured against A: {report.A.Variant.Name()}, {cases} case{(cases == 1 ? "" : "s")}, " +
            $"{report.Width}x{report.Height}, {report.Steps} steps, inputs: {Markup.Escape(report.InputsPath ?? "built-in prompts")}");

        var packages = new Table().AddColumns("", "path", "precision", "target", "provider", "size", "median step");
        foreach (var (label, p) in new[] { ("A", report.A), ("B", report.B) })
        {
            packages.AddRow(label, Markup.Escape(p.Path), p.Precision.Name(), p.Target.Name(), p.Provider, Human(p.TotalBytes), Ms(p.MedianStepMilliseconds));
        }
        console.Write(packages);

        var sizes = new Table().AddColumns("component", "A bytes", "B bytes", "B / A");
        foreach (var (role, bytesA) in report.A.ComponentBytes)
        {
            var bytesB = report.B.ComponentBytes.GetValueOrDefault(role);
            sizes.AddRow(role, Human(bytesA), Human(bytesB), bytesA == 0 ? "-" : (bytesB / (double)bytesA).ToString("0.000", CultureInfo.InvariantCulture));
        }
        console.Write(sizes);

        var errors = new Table().AddColumns("tensor", "max |b-a|", "mean |b-a|", "cosine");
        foreach (var t in report.Tensors.Concat(report.TransformerSteps))
        {
            errors.AddRow(t.Name, E(t.MaxAbsError), E(t.MeanAbsError), t.CosineSimilarity.ToString("0.0000000", CultureInfo.InvariantCulture));
        }
        console.Write(errors);

        var image = new Table().AddColumns("image", "PSNR dB", "SSIM", "max pixel diff");
        foreach (var c in report.Image.Cases)
        {
            image.AddRow(Markup.Escape(c.Prompt is null ? $"#{c.Index} ids, seed {c.Seed}" : $"#{c.Index} \"{c.Prompt}\", seed {c.Seed}"),
                Db(c.PsnrDecibels), c.Ssim.ToString("0.000000", CultureInfo.InvariantCulture), c.MaxPixelDifference.ToString(CultureInfo.InvariantCulture));
        }
        image.AddRow("all", Db(report.Image.PsnrDecibels), report.Image.MeanSsim.ToString("0.000000", CultureInfo.InvariantCulture),
            report.Image.MaxPixelDifference.ToString(CultureInfo.InvariantCulture));
        console.Write(image);
        console.WriteLine($"SSIM: {report.Image.SsimWindow}");
    }

    private static string E(double value) => value.ToString("0.000E+00", CultureInfo.InvariantCulture);

    private static string Ms(double value) => value.ToString("0.00", CultureInfo.InvariantCulture) + " ms";

    private static string Db(double? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "inf (identical)";

    private static string Human(long bytes) => bytes switch
    {
        >= 1L << 30 => (bytes / (double)(1L << 30)).ToString("0.00", CultureInfo.InvariantCulture) + " GiB",
        >= 1L << 20 => (bytes / (double)(1L << 20)).ToString("0.00", CultureInfo.InvariantCulture) + " MiB",
        >= 1L << 10 => (bytes / (double)(1L << 10)).ToString("0.00", CultureInfo.InvariantCulture) + " KiB",
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " B",
    };
}
