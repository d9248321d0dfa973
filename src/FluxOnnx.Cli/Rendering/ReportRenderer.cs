using System.Globalization;
using FluxOnnx.Tools.Inspection;
using Spectre.Console;

namespace FluxOnnx.Cli.Rendering;

/// <summary>Renders inspection reports as Spectre.Console tables onto a writer (stdout or a test's buffer).</summary>
public static class ReportRenderer
{
    public static void Render(object report, TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = Math.Max(console.Profile.Width, 120);
        switch (report)
        {
            case SafetensorsReport s:
                RenderSafetensors(console, s);
                break;
            case OnnxModelReport o:
                RenderOnnx(console, o);
                break;
            case PackageReport p:
                RenderPackage(console, p);
                break;
            default:
                throw new ArgumentException($"no renderer for {report.GetType().Name}", nameof(report));
        }
    }

    private static void RenderSafetensors(IAnsiConsole console, SafetensorsReport report)
    {
        var table = new Table().Title(Markup.Escape(report.Path)).AddColumns("tensor", "dtype", "shape", "bytes");
        foreach (var t in report.Tensors)
        {
            table.AddRow(Markup.Escape(t.Name), t.ElementType, Shape(t.Shape), Bytes(t.Bytes));
        }
        console.Write(table);
        console.WriteLine($"{report.Tensors.Count} tensors, {Bytes(report.TotalBytes)} bytes ({Human(report.TotalBytes)})");
        foreach (var (type, bytes) in report.BytesByType)
        {
            console.WriteLine($"  {type}: {Bytes(bytes)} bytes");
        }
        foreach (var (key, value) in report.Metadata)
        {
            console.WriteLine($"  metadata {key} = {value}");
        }
    }

    private static void RenderOnnx(IAnsiConsole console, OnnxModelReport report)
    {
        console.WriteLine($"{report.Path}");
        console.WriteLine($"IR {report.IrVersion}; opsets {string.Join(", ", report.Opsets.Select(o => $"{(o.Key.Length == 0 ? "ai.onnx" : o.Key)} {o.Value}"))}; producer {report.Producer}");
        var io = new Table().AddColumns("", "name", "type", "shape");
        foreach (var i in report.Inputs)
        {
            io.AddRow("input", Markup.Escape(i.Name), i.ElementType.Name(), Markup.Escape("[" + string.Join(", ", i.Shape) + "]"));
        }
        foreach (var o in report.Outputs)
        {
            io.AddRow("output", Markup.Escape(o.Name), o.ElementType.Name(), Markup.Escape("[" + string.Join(", ", o.Shape) + "]"));
        }
        console.Write(io);
        var ops = new Table().AddColumns("op", "count");
        foreach (var (op, count) in report.OpCounts)
        {
            ops.AddRow(Markup.Escape(op), count.ToString(CultureInfo.InvariantCulture));
        }
        console.Write(ops);
        console.WriteLine($"{report.InitializerCount} initializers; external data: {(report.ExternalDataFiles.Count == 0 ? "none" : string.Join(", ", report.ExternalDataFiles))}");
        foreach (var (type, bytes) in report.InitializerBytesByType)
        {
            console.WriteLine($"  {type}: {Bytes(bytes)} bytes ({Human(bytes)})");
        }
    }

    private static void RenderPackage(IAnsiConsole console, PackageReport report)
    {
        var m = report.Manifest;
        console.WriteLine($"{report.Path}");
        console.WriteLine($"{m.Family} {m.Variant.Name()}, {m.Precision.Name()}, target {m.Target.Name()}, format {m.FormatVersion}, by {m.Producer}");
        console.WriteLine($"defaults: {m.Defaults.Steps} steps, guidance {(m.Defaults.Guidance?.ToString(CultureInfo.InvariantCulture) ?? "none")}, shift {m.Defaults.Shift}, {m.Defaults.Width}x{m.Defaults.Height}");
        console.WriteLine($"text lengths: clip {m.Text.Clip}, t5 {m.Text.T5}; latent scale {m.Latent.ScaleFactor.ToString(CultureInfo.InvariantCulture)}, shift {m.Latent.ShiftFactor.ToString(CultureInfo.InvariantCulture)}");
        console.WriteLine($"verified providers: {string.Join(", ", m.VerifiedProviders)}; {m.Files.Count} files, {Bytes(report.TotalBytes)} bytes ({Human(report.TotalBytes)})");
        var table = new Table().AddColumns("component", "inputs", "outputs", "ops", "weights");
        foreach (var (role, c) in report.Components)
        {
            table.AddRow(
                role,
                Markup.Escape(string.Join("\n", c.Inputs.Select(i => $"{i.Name} {i.ElementType.Name()}[{string.Join(", ", i.Shape)}]"))),
                Markup.Escape(string.Join("\n", c.Outputs.Select(i => $"{i.Name} {i.ElementType.Name()}[{string.Join(", ", i.Shape)}]"))),
                c.OpCounts.Sum(kv => kv.Value).ToString(CultureInfo.InvariantCulture),
                Human(c.InitializerBytesByType.Values.Sum()));
        }
        console.Write(table);
        foreach (var s in m.Sources)
        {
            console.WriteLine($"source {s.Role}: {s.Name} ({s.Format}, {Bytes(s.Bytes)} bytes, sha256 {s.Sha256})");
        }
    }

    private static string Shape(IReadOnlyList<long> shape) => Markup.Escape("[" + string.Join(", ", shape) + "]");

    private static string Bytes(long bytes) => bytes.ToString("N0", CultureInfo.InvariantCulture);

    private static string Human(long bytes) => bytes switch
    {
        >= 1L << 30 => (bytes / (double)(1L << 30)).ToString("0.00", CultureInfo.InvariantCulture) + " GiB",
        >= 1L << 20 => (bytes / (double)(1L << 20)).ToString("0.00", CultureInfo.InvariantCulture) + " MiB",
        >= 1L << 10 => (bytes / (double)(1L << 10)).ToString("0.00", CultureInfo.InvariantCulture) + " KiB",
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " B",
    };
}
