using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using FluxOnnx.Graphs.Models.Flux;

namespace FluxOnnx.Bench.Conversion;

/// <summary>
/// <c>convert-full [--blocks DOUBLE SINGLE] [--precision P] [--dir PATH] [--keep]</c>: the converter's memory benchmark on a synthetic
/// BFL-named bfloat16 FLUX.1 [schnell] checkpoint (default full depth, 19 + 38 blocks, hidden 3072: about 23.8 GB),
/// generated on the fly. Three child processes, one after the other, each measuring its own wall time and peak
/// resident memory (<see cref="PhaseResult"/>):
/// <code>
///   generate ─► flux.safetensors (bf16, streamed)
///   copy     ─► flux.copy.safetensors (plain 1 MiB-buffer copy, fsync; deleted right after)
///   convert  ─► package/ (PackageConverter, transformer only, fp32: sha256 of the source and of every written
///               file included, since the manifest needs them)
/// </code>
/// Needs free disk for the checkpoint, the copy and the fp32 output (about 3× the checkpoint at peak): checked
/// first, with <c>--blocks</c> to reduce depth; the report then scales the measured times to full depth by bytes
/// (linear extrapolation, labelled as such). Everything is deleted at the end unless <c>--keep</c>.
/// </summary>
internal static class ConvertFullCommand
{
    private const double GB = 1e9, MiB = 1 << 20;
    private const long Headroom = 4L << 30; // left free for colleagues sharing the disk

    public static int Run(string[] args)
    {
        var full = FluxConfig.FluxSchnell;
        int depth = full.Depth, single = full.DepthSingleBlocks;
        string root = Path.GetTempPath();
        bool keep = false;
        var precision = FluxOnnx.Precision.Fp32;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--blocks":
                    depth = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    single = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--dir": root = args[++i]; break;
                case "--keep": keep = true; break;
                case "--precision":
                    if (!PackageNames.TryParse(args[++i], out precision))
                    {
                        Console.Error.WriteLine($"convert-full: --precision: expected one of {string.Join(", ", PackageNames.Precisions)}, got '{args[i]}'");
                        return 2;
                    }
                    break;
                default:
                    Console.Error.WriteLine($"convert-full: unknown option '{args[i]}'");
                    return 2;
            }
        }

        var config = (full with { Depth = depth, DepthSingleBlocks = single }).Validate();
        var tensors = SyntheticFluxCheckpoint.Tensors(config);
        var fullTensors = SyntheticFluxCheckpoint.Tensors(full);
        long checkpointBytes = tensors.Sum(t => t.Bytes), fullBytes = fullTensors.Sum(t => t.Bytes);
        var largest = tensors.MaxBy(t => t.Bytes);
        Console.WriteLine($"checkpoint: FLUX.1 schnell width, {depth} double + {single} single blocks, {tensors.Count} bf16 tensors, " +
            $"{checkpointBytes / GB:F2} GB of data (full depth 19 + 38: {fullBytes / GB:F2} GB)");
        Console.WriteLine($"largest tensor: {largest.Name} [{string.Join(", ", largest.Shape)}] = {largest.Bytes / MiB:F0} MiB bf16, " +
            $"{2 * largest.Bytes / MiB:F0} MiB as fp32");

        Directory.CreateDirectory(root);
        long free = new DriveInfo(Path.GetFullPath(root)).AvailableFreeSpace;
        // Output relative to the bf16 checkpoint: fp32 doubles it, 16-bit precisions keep it, 8/4-bit shrink it.
        double outputFactor = precision switch { FluxOnnx.Precision.Fp32 => 2.0, FluxOnnx.Precision.Fp16 or FluxOnnx.Precision.Bf16 => 1.0, _ => 0.6 };
        long needed = checkpointBytes + (long)(Math.Max(1.0, outputFactor) * checkpointBytes) + Headroom;
        Console.WriteLine($"free disk at {root}: {free / GB:F1} GB; needed ~{needed / GB:F1} GB (checkpoint + copy, then checkpoint + {precision.Name()} output, + 4 GiB headroom)");
        if (free < needed)
        {
            Console.Error.WriteLine("convert-full: not enough free disk; reduce depth with --blocks DOUBLE SINGLE (e.g. --blocks 4 8)");
            return 3;
        }

        string folder = Directory.CreateDirectory(Path.Combine(root, "fluxonnx-convert-full-" + Guid.NewGuid().ToString("N"))).FullName;
        string checkpoint = Path.Combine(folder, "flux.safetensors"), copy = Path.Combine(folder, "flux.copy.safetensors");
        string package = Path.Combine(folder, "package");
        try
        {
            var generated = RunPhase("generate", checkpoint, depth.ToString(CultureInfo.InvariantCulture), single.ToString(CultureInfo.InvariantCulture));
            Print("generate", generated);
            var copied = RunPhase("copy", checkpoint, copy);
            Print("copy", copied);
            File.Delete(copy);
            var converted = RunPhase("convert", checkpoint, package, precision.Name());
            Print("convert", converted);
            foreach (var (stage, seconds) in converted.StageSeconds)
            {
                Console.WriteLine($"    {stage,-34} {seconds,8:F1} s");
            }

            Summarize(generated.Bytes, largest.Bytes, fullBytes, copied, converted, depth == full.Depth && single == full.DepthSingleBlocks);
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

    private static void Print(string phase, PhaseResult r) =>
        Console.WriteLine($"{phase,-9} {r.Seconds,8:F1} s  {r.Bytes / GB,7:F2} GB  {r.Bytes / GB / r.Seconds,6:F2} GB/s   " +
            $"peak RSS (VmHWM) {r.PeakWorkingSetBytes / MiB,7:F0} MiB  [sampled peaks: anon {r.PeakAnonBytes / MiB:F0} MiB, file-backed {r.PeakFileBytes / MiB:F0} MiB]");

    private static void Summarize(long checkpointBytes, long largestBytes, long fullBytes, PhaseResult copy, PhaseResult convert, bool isFull)
    {
        double ratio = convert.Seconds / copy.Seconds;
        Console.WriteLine();
        Console.WriteLine($"measured: conversion {convert.Seconds:F1} s vs copy {copy.Seconds:F1} s = {ratio:F2}× the copy time " +
            $"(checkpoint {checkpointBytes / GB:F2} GB, output {convert.Bytes / GB:F2} GB)");
        Console.WriteLine($"measured: conversion peak RSS {convert.PeakWorkingSetBytes / MiB:F0} MiB (anon ≤ {convert.PeakAnonBytes / MiB:F0} MiB, " +
            $"file-backed ≤ {convert.PeakFileBytes / MiB:F0} MiB) vs copy {copy.PeakWorkingSetBytes / MiB:F0} MiB; " +
            $"budget 2 GiB + largest tensor as fp32 = {(2048 + 2 * largestBytes / MiB):F0} MiB");
        if (!isFull)
        {
            double scale = (double)fullBytes / checkpointBytes;
            Console.WriteLine($"extrapolated (linear in checkpoint bytes, ×{scale:F2}) to the full 19 + 38 checkpoint of {fullBytes / GB:F2} GB: " +
                $"copy ~{copy.Seconds * scale:F0} s, conversion ~{convert.Seconds * scale:F0} s; anonymous memory is not expected to grow " +
                "with depth (tensors stream one at a time), file-backed pages of the mapped checkpoint can, up to what the kernel keeps resident");
        }
    }

    /// <summary>Runs <c>convert-full-phase</c> in a child process of this same program and parses its result line.</summary>
    private static PhaseResult RunPhase(params string[] phaseArgs) =>
        Measuring.ChildProcess.Run<PhaseResult>(PhaseResult.Marker, "convert-full-phase", phaseArgs);
}
