using FluxOnnx.Converter.Calibration;
using FluxOnnx.Graphs.Onnx;
using FluxOnnx.Packaging;
using FluxOnnx.Pipeline;
using FluxOnnx.Runtime;
using FluxOnnx.Tools.Files;
using Google.Protobuf;

namespace FluxOnnx.Tools.Calibration;

/// <summary>
/// Records the input range of every Linear of an fp32 package's transformer, for static fp8 activation quantization
/// (TensorRT):
/// <code>
///   fp32 package ─► FluxPipeline (prompt i, seed i, package defaults) ─observer─► per step: latent, txt, vec, ids, t
///   fp32 transformer graph + calibration/{name} = ReduceMax(Abs(x)) per Linear ─► run on each step's inputs
///   amax[name] = max over steps and prompts ─► CalibrationTable (─► table.json, temp file renamed into place)
/// </code>
/// The recording graph is the package's own transformer with extra outputs, on its own weights (external data read
/// from the package folder), so the ranges are the fp32 package's, step for step.
/// </summary>
public static class ActivationCalibrator
{
    /// <summary>The ORT session key that points a model loaded from memory at its external data folder.</summary>
    private const string ExternalDataFolderKey = "session.model_external_initializers_file_folder_path";

    /// <summary>The calibration prompt set; prompt i is <c>Prompts[i % Count]</c>.</summary>
    public static IReadOnlyList<string> Prompts { get; } =
    [
        "a photograph of a red fox in a snowy forest at dawn",
        "a bowl of ramen on a wooden table, studio lighting",
        "an oil painting of a lighthouse in a storm",
        "a city street at night with neon signs reflected in puddles",
        "a portrait of an old fisherman with a white beard",
        "a watercolor of sunflowers in a blue vase",
        "a futuristic spaceship above a desert planet",
        "a cozy library with tall bookshelves and a fireplace",
    ];

    /// <summary>Runs the calibration prompts through the fp32 package and returns (and, given an output, writes) the table.</summary>
    /// <exception cref="InvalidCalibrationRequestException">No prompts, or the package is not an fp32 package with a transformer.</exception>
    public static CalibrationTable Calibrate(CalibrateRequest request, IProgress<CalibrationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Prompts < 1)
        {
            throw new InvalidCalibrationRequestException(nameof(CalibrateRequest.Prompts), $"must be at least 1, got {request.Prompts}");
        }
        var package = ModelPackage.Open(request.Package);
        if (package.Manifest.Precision != Precision.Fp32)
        {
            throw new InvalidCalibrationRequestException(nameof(CalibrateRequest.Package),
                $"{package.Root} is a {package.Manifest.Precision.Name()} package; calibration records the ranges of an fp32 package");
        }
        if (!package.Has(ComponentRoles.Transformer))
        {
            throw new InvalidCalibrationRequestException(nameof(CalibrateRequest.Package), $"{package.Root} has no transformer");
        }

        var transformerPath = package.GraphPath(ComponentRoles.Transformer);
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(transformerPath));
        var names = AmaxRecordGraph.AddOutputs(model);
        var outputs = names.Select(n => AmaxRecordGraph.OutputPrefix + n).ToArray();
        var amax = new float[names.Count];
        var samples = 0;
        var settings = new SessionSettings
        {
            ConfigEntries = new Dictionary<string, string> { [ExternalDataFolderKey] = Path.GetDirectoryName(transformerPath)! },
        };
        using (var options = settings.CreateOptions(out _))
        using (var session = new Microsoft.ML.OnnxRuntime.InferenceSession(model.ToByteArray(), options))
        using (var pipeline = FluxPipeline.Open(package.Root, new PipelineOptions(), cancellationToken: cancellationToken))
        {
            for (var p = 0; p < request.Prompts; p++)
            {
                var recorder = new TransformerStepRecorder();
                pipeline.Generate(GenerateRequest.For(Prompts[p % Prompts.Count], (ulong)p), observer: recorder, cancellationToken: cancellationToken);
                foreach (var inputs in recorder.StepInputs())
                {
                    Record(session, inputs, outputs, amax, cancellationToken);
                    samples++;
                }
                progress?.Report(new CalibrationProgress(p + 1, request.Prompts));
            }
        }

        var table = new CalibrationTable(
            CalibrationTable.CurrentFormatVersion,
            FileHashing.Sha256Hex(Path.Combine(package.Root, PackageManifest.FileName), cancellationToken),
            package.Manifest.Sources.FirstOrDefault(s => s.Role == ComponentRoles.Transformer)?.Sha256,
            request.Prompts,
            names.Select((n, i) => new CalibrationEntry(n, amax[i], samples)).ToArray());
        if (request.Output is not null)
        {
            ReportFile.Write(request.Output, CalibrationTableJson.Serialize(table));
        }
        return table;
    }

    private static void Record(Microsoft.ML.OnnxRuntime.InferenceSession session, Dictionary<string, (float[] Data, long[] Shape)> inputs,
        string[] outputs, float[] amax, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var values = inputs.ToDictionary(kv => kv.Key, kv => OnnxTensors.Wrap(kv.Value.Data, kv.Value.Shape), StringComparer.Ordinal);
        try
        {
            using var runOptions = new Microsoft.ML.OnnxRuntime.RunOptions();
            using var results = session.Run(runOptions, values.Keys.ToArray(), values.Values.ToArray(), outputs);
            var i = 0;
            foreach (var result in results)
            {
                amax[i] = Math.Max(amax[i], result.GetTensorDataAsSpan<float>()[0]);
                i++;
            }
        }
        finally
        {
            foreach (var v in values.Values)
            {
                v.Dispose();
            }
        }
    }
}
