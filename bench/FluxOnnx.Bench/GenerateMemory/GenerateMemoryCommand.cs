using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using FluxOnnx.Tools.BuiltIn;
using FluxOnnx.Converter.Conversion;
using FluxOnnx.Graphs.Models.Autoencoder;
using FluxOnnx.Graphs.Models.Clip;
using FluxOnnx.Graphs.Models.Flux;
using FluxOnnx.Graphs.Models.T5;
using FluxOnnx.Packaging;

namespace FluxOnnx.Bench.GenerateMemory;

/// <summary>
/// <c>generate-memory [--blocks DOUBLE SINGLE] [--t5-layers N] [--size N] [--dir PATH] [--keep]</c>: the target "peak
/// memory of generate ≤ 1.1× (loaded weights + activations)" (issue 14; 1.15× before), normal and low-memory. Writes synthetic checkpoints
/// at real widths and reduced depth (FLUX.1 schnell transformer hidden 3072 / 24 heads, default 1 double + 1 single
/// block; T5 v1.1 XXL width, vocabulary 32128, default 1 layer, text length 256; CLIP-L width with 1 layer; the real
/// <c>ae</c>), converts them to an fp32 package, then runs one 4-step generate at SIZE×SIZE with 2 threads in a child
/// process per mode and compares its VmHWM with the package's weight bytes plus an activation estimate
/// (<see cref="Activations"/>). Everything is deleted at the end unless <c>--keep</c>.
/// </summary>
internal static class GenerateMemoryCommand
{
    private const double MiB = 1 << 20;
    private const double Target = 1.1;

    public static int Run(string[] args)
    {
        int depth = 1, single = 1, t5Layers = 1, size = 512;
        string root = Path.GetTempPath();
        bool keep = false;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--blocks":
                    depth = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    single = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--t5-layers": t5Layers = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--size": size = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--dir": root = args[++i]; break;
                case "--keep": keep = true; break;
                default:
                    Console.Error.WriteLine($"generate-memory: unknown option '{args[i]}'");
                    return 2;
            }
        }

        var flux = (FluxConfig.FluxSchnell with { Depth = depth, DepthSingleBlocks = single }).Validate();
        var t5 = T5EncoderConfig.T5V11Xxl with { NumLayers = t5Layers };
        var clip = ClipTextConfig.ClipVitLargePatch14 with { NumHiddenLayers = 1 };
        var ae = AutoencoderConfig.Ae;
        Console.WriteLine($"model: transformer hidden {flux.HiddenSize}, {flux.NumHeads} heads, {depth} double + {single} single blocks; " +
            $"T5 d_model {t5.DModel}, d_ff {t5.DFf}, {t5.NumHeads} heads, {t5.NumLayers} layer(s), vocab {t5.VocabSize}; " +
            $"CLIP-L width, {clip.NumHiddenLayers} layer; ae (ch 128, ch_mult 1-2-4-4); fp32 package; generate {size}×{size}, 4 steps, 2 threads");

        string folder = Directory.CreateDirectory(Path.Combine(root, "fluxonnx-generate-memory-" + Guid.NewGuid().ToString("N"))).FullName;
        string sources = Path.Combine(folder, "sources"), package = Path.Combine(folder, "package");
        try
        {
            var clock = Stopwatch.StartNew();
            SyntheticCheckpoints.Write(sources, flux, t5, clip, ae);
            Console.WriteLine($"synthetic checkpoints written in {clock.Elapsed.TotalSeconds:F0} s");
            clock.Restart();
            PackageConverter.Convert(SyntheticCheckpoints.Request(sources, package, size));
            Directory.Delete(sources, recursive: true);
            Console.WriteLine($"converted to fp32 in {clock.Elapsed.TotalSeconds:F0} s");

            var opened = ModelPackage.Open(package);
            int textLength = opened.Manifest.Text.T5;
            string[] roles = [ComponentRoles.Transformer, ComponentRoles.TextEncoder, ComponentRoles.TextEncoder2, ComponentRoles.VaeDecoder];
            var weights = roles.ToDictionary(r => r, r => WeightBytes(opened, r));
            var act = new Dictionary<string, long>
            {
                [ComponentRoles.Transformer] = Activations.Transformer(flux, size, textLength),
                [ComponentRoles.TextEncoder] = Activations.Clip(clip),
                [ComponentRoles.TextEncoder2] = Activations.T5(t5, textLength),
                [ComponentRoles.VaeDecoder] = Activations.VaeDecoder(ae, size),
            };
            Console.WriteLine();
            Console.WriteLine($"{"component",-16} {"weights (files)",16} {"activation est.",16}");
            foreach (var r in roles)
            {
                Console.WriteLine($"{r,-16} {weights[r] / MiB,12:F0} MiB {act[r] / MiB,12:F0} MiB");
            }

            // Components run one after another, so the activation term is the largest single one. Normal mode holds
            // all four sessions; low-memory holds the transformer plus the phase's own component(s).
            long allWeights = weights.Values.Sum(), maxAct = act.Values.Max();
            long normalBudget = allWeights + maxAct;
            long wTr = weights[ComponentRoles.Transformer];
            long textPhase = wTr + weights[ComponentRoles.TextEncoder] + weights[ComponentRoles.TextEncoder2]
                + Math.Max(act[ComponentRoles.TextEncoder], act[ComponentRoles.TextEncoder2]);
            long denoisePhase = wTr + act[ComponentRoles.Transformer];
            long decodePhase = wTr + weights[ComponentRoles.VaeDecoder] + act[ComponentRoles.VaeDecoder];
            long lowBudget = Math.Max(textPhase, Math.Max(denoisePhase, decodePhase));
            Console.WriteLine($"normal budget basis: all weights {allWeights / MiB:F0} MiB + largest activation {maxAct / MiB:F0} MiB = {normalBudget / MiB:F0} MiB");
            Console.WriteLine($"low-memory basis: max over phases of loaded weights + that phase's activations: text {textPhase / MiB:F0}, " +
                $"denoise {denoisePhase / MiB:F0}, decode {decodePhase / MiB:F0} → {lowBudget / MiB:F0} MiB");
            Console.WriteLine();

            foreach (var (mode, low, basis) in new[] { ("normal", false, normalBudget), ("low-memory", true, lowBudget) })
            {
                var r = RunChild(package, size, low);
                double ratio = (double)r.PeakBytes / basis, ratioAll = (double)r.PeakBytes / normalBudget;
                double excess = (r.PeakBytes - Target * basis) / MiB;
                Console.WriteLine($"{mode,-10} open {r.OpenSeconds,5:F1} s, generate {r.GenerateSeconds,6:F1} s; RSS before open {r.BaselineRssBytes / MiB:F0} MiB, " +
                    $"VmHWM after open {r.PeakAfterOpenBytes / MiB:F0} MiB, after generate {r.PeakBytes / MiB:F0} MiB " +
                    $"[sampled peaks: anon {r.PeakAnonBytes / MiB:F0} MiB, file-backed {r.PeakFileBytes / MiB:F0} MiB]");
                Console.WriteLine($"{"",-10} peak / basis = {r.PeakBytes / MiB:F0} / {basis / MiB:F0} = {ratio:F2}× " +
                    (ratio <= Target ? $"(target ≤ {Target:F2}×: met, {-excess:F0} MiB to spare)" : $"(target ≤ {Target:F2}×: missed by {excess:F0} MiB)") +
                    (low ? $"; vs the normal basis (all weights): {ratioAll:F2}×" : ""));
            }

            // Load-time split: each session alone, with and without ORT's weight prepacking.
            Console.WriteLine();
            Console.WriteLine("session load alone (VmRSS after load − VmRSS before, VmHWM; MiB): default | session.disable_prepacking=1");
            foreach (var role in roles)
            {
                var on = RunLoad(package, role, true);
                var off = RunLoad(package, role, false);
                Console.WriteLine($"{role,-16} weights {weights[role] / MiB,6:F0}: +{(on[2] - on[0]) / MiB,6:F0} (HWM {on[1] / MiB,6:F0}) | " +
                    $"+{(off[2] - off[0]) / MiB,6:F0} (HWM {off[1] / MiB,6:F0})");
            }
            return 0;
        }
        finally
        {
            if (keep)
            {
                Console.WriteLine($"kept {folder}");
            }
            else
            {
                Directory.Delete(folder, recursive: true);
                Console.WriteLine($"deleted {folder}");
            }
        }
    }

    /// <summary>The component's .onnx file plus its external data file, if any.</summary>
    private static long WeightBytes(ModelPackage package, string role)
    {
        var graph = package.GraphPath(role);
        long bytes = new FileInfo(graph).Length;
        if (package.Component(role).Data is { } data)
        {
            var path = Path.Combine(package.Root, data);
            if (File.Exists(path)) bytes += new FileInfo(path).Length;
        }
        return bytes;
    }

    private static long[] RunLoad(string package, string role, bool prepack)
    {
        long[]? result = null;
        Child(["generate-memory-load", package, role, prepack ? "true" : "false"], line =>
        {
            if (!line.StartsWith(SessionLoadRun.Marker, StringComparison.Ordinal)) return false;
            result = line[SessionLoadRun.Marker.Length..].Split(' ').Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            return true;
        });
        return result ?? throw new InvalidOperationException($"generate-memory-load {role} printed no result");
    }

    private static void Child(string[] args, Func<string, bool> consume)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
        {
            start.ArgumentList.Add(typeof(GenerateMemoryCommand).Assembly.Location);
        }
        foreach (var a in args) start.ArgumentList.Add(a);
        using var child = Process.Start(start)!;
        string? line;
        while ((line = child.StandardOutput.ReadLine()) is not null)
        {
            if (!consume(line)) Console.WriteLine("  | " + line);
        }
        child.WaitForExit();
        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"{args[0]} failed with exit code {child.ExitCode}");
        }
    }

    private static GenerateMemoryResult RunChild(string package, int size, bool lowMemory) =>
        Measuring.ChildProcess.Run<GenerateMemoryResult>(GenerateMemoryResult.Marker, "generate-memory-run",
            package, size.ToString(CultureInfo.InvariantCulture), lowMemory ? "true" : "false");
}
