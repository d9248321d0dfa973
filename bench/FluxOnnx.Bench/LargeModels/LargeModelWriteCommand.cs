using FluxOnnx.Tools.Benchmarking;
using System.Diagnostics;
using System.Globalization;
using FluxOnnx.Graphs.Onnx;
using FluxOnnx.Graphs.Writing;
using FluxOnnx.Runtime;
using Microsoft.ML.OnnxRuntime;

namespace FluxOnnx.Bench.LargeModels;

/// <summary>
/// <c>write-large [--layers 9] [--dim 8192] [--dir PATH] [--run]</c>: writes a <see cref="ChainedMatMulModel"/>
/// (default 9 × 256 MiB = 2.25 GiB of fp32 initializers, past protobuf's 2 GiB limit) as model.onnx + model.onnx.data,
/// reports seconds and the process's peak resident memory next to the model's size, checks the written layout and
/// sample bytes, and with <c>--run</c> also loads it in ONNX Runtime (CPU) and compares y with a reference. The
/// temporary folder is deleted at the end, also on failure.
/// </summary>
internal static class LargeModelWriteCommand
{
    private const double MiB = 1 << 20;

    public static int Run(string[] args)
    {
        int layers = 9, dim = 8192;
        string? root = null;
        bool run = false;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--layers": layers = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--dim": dim = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--dir": root = args[++i]; break;
                case "--run": run = true; break;
                default:
                    Console.Error.WriteLine($"write-large: unknown option '{args[i]}'");
                    return 2;
            }
        }

        var model = new ChainedMatMulModel(layers, dim);
        string folder = root is null
            ? Directory.CreateTempSubdirectory("fluxonnx-write-large-").FullName
            : Directory.CreateDirectory(Path.Combine(root, "fluxonnx-write-large-" + Guid.NewGuid().ToString("N"))).FullName;
        try
        {
            string modelPath = Path.Combine(folder, "model.onnx");
            var built = model.Build();
            long peakBefore = PeakWorkingSet.Bytes();
            Console.WriteLine($"initializers: {layers} × {model.BytesPerLayer / MiB:F0} MiB = {built.TotalInitializerBytes / MiB:F0} MiB " +
                $"({built.TotalInitializerBytes / (MiB * 1024):F2} GiB); peak RSS before writing {peakBefore / MiB:F0} MiB");

            var watch = Stopwatch.StartNew();
            var result = new OnnxModelWriter().Write(built, modelPath);
            watch.Stop();
            long peakAfterWrite = PeakWorkingSet.Bytes();
            long dataBytes = new FileInfo(result.DataPath!).Length, modelBytes = new FileInfo(result.ModelPath).Length;
            Console.WriteLine($"wrote model.onnx {modelBytes} bytes + model.onnx.data {dataBytes} bytes ({dataBytes / MiB:F0} MiB) " +
                $"in {watch.Elapsed.TotalSeconds:F2} s ({dataBytes / MiB / watch.Elapsed.TotalSeconds:F0} MiB/s)");
            Console.WriteLine($"peak RSS after writing: {peakAfterWrite / MiB:F0} MiB = {100.0 * peakAfterWrite / dataBytes:F1}% of the data written");

            Verify(model, result);
            Console.WriteLine("layout verified: every initializer EXTERNAL, 4096-aligned, sampled bytes match the generator");

            if (run)
            {
                RunInOrt(model, modelPath);
            }
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
            Console.WriteLine($"deleted {folder}");
        }
    }

    private static void Verify(ChainedMatMulModel model, ModelWriteResult result)
    {
        var proto = ModelProto.Parser.ParseFrom(File.ReadAllBytes(result.ModelPath));
        using var data = File.OpenRead(result.DataPath!);
        var buffer = new byte[sizeof(float)];
        for (int t = 0; t < model.Layers; t++)
        {
            var tensor = proto.Graph.Initializer.Single(i => i.Name == $"w.{t}");
            var entries = tensor.ExternalData.ToDictionary(e => e.Key, e => e.Value);
            long offset = long.Parse(entries["offset"], CultureInfo.InvariantCulture);
            long length = long.Parse(entries["length"], CultureInfo.InvariantCulture);
            Check(tensor.DataLocation == TensorProto.Types.DataLocation.External, $"w.{t} is not external");
            Check(length == model.BytesPerLayer && offset % 4096 == 0, $"w.{t}: offset {offset}, length {length}");
            long elements = length / sizeof(float);
            foreach (long index in new[] { 0, 1, elements / 3, elements - 1 })
            {
                data.Position = offset + index * sizeof(float);
                data.ReadExactly(buffer);
                float actual = BitConverter.ToSingle(buffer);
                Check(actual == ChainedMatMulModel.Weight(t, index), $"w.{t}[{index}] is {actual}, expected {ChainedMatMulModel.Weight(t, index)}");
            }
        }
    }

    private static void RunInOrt(ChainedMatMulModel model, string modelPath)
    {
        using var options = new SessionSettings(IntraOpThreads: 2).CreateOptions(out _);
        _ = OrtEnv.Instance(); // created before the timed load
        var watch = Stopwatch.StartNew();
        using var session = new ModelSession(modelPath, options);
        double loadSeconds = watch.Elapsed.TotalSeconds;
        var x = Enumerable.Range(0, model.Dim).Select(i => (i % 17) / 16f).ToArray();
        using var input = OnnxTensors.Wrap(x, 1, model.Dim);
        watch.Restart();
        using var outputs = session.Run(new Dictionary<string, OrtValue> { ["x"] = input }, ["y"]);
        double runSeconds = watch.Elapsed.TotalSeconds;
        var y = outputs[0].GetTensorDataAsSpan<float>().ToArray();
        var expected = model.Reference(x);
        double maxRel = expected.Select((e, i) => Math.Abs(y[i] - e) / Math.Abs(e)).Max();
        Console.WriteLine($"ORT: loaded in {loadSeconds:F2} s, ran in {runSeconds:F2} s; max relative error vs reference {maxRel:E2}; " +
            $"peak RSS now {PeakWorkingSet.Bytes() / MiB:F0} MiB (ORT holds the weights)");
        Check(maxRel < 1e-4, $"ORT output differs from the reference by {maxRel:E2}");
    }

    private static void Check(bool condition, string message)
    {
        if (!condition) throw new InvalidDataException(message);
    }
}
