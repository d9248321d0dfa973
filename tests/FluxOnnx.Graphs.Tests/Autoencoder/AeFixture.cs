using System.Text.Json;
using FluxOnnx.Converter.Checkpoints;
using FluxOnnx.Converter.Safetensors;
using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Models.Autoencoder;
using FluxOnnx.Graphs.Weights;
using FluxOnnx.Graphs.Writing;
using FluxOnnx.Runtime;
using FluxOnnx.TestSupport;
using FluxOnnx.Graphs.Layers;
using FluxOnnx.Converter.Formats;

namespace FluxOnnx.Graphs.Tests.Autoencoder;

/// <summary>
/// The tiny BFL autoencoder fixture (<c>models/ae.safetensors</c> + <c>ae_params.json</c>), the
/// <c>ae_roundtrip_128x128</c> case tensors, one ORT environment, and a scratch folder for written graphs.
/// </summary>
public sealed class AeFixture : IDisposable
{
    public const string CaseName = "ae_roundtrip_128x128";

    private readonly string _directory;

    public AeFixture()
    {
        ParamsPath = Path.Combine(SharedPaths.Models, "ae_params.json");
        CheckpointPath = Path.Combine(SharedPaths.Models, "ae.safetensors");
        Config = AutoencoderParamsJson.Load(ParamsPath);
        Checkpoint = SafetensorsFile.Open(CheckpointPath);
        Case = SafetensorsFile.Open(Path.Combine(SharedPaths.Case(CaseName), "tensors.safetensors"));
        using (var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(SharedPaths.Case(CaseName), "manifest.json"))))
        {
            SuggestedAtol = manifest.RootElement.GetProperty("tolerance").GetProperty("suggested_atol").GetDouble();
        }
        _directory = Path.Combine(Path.GetTempPath(), "fluxonnx-ae-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
    }

    public string ParamsPath { get; }

    public string CheckpointPath { get; }

    public AutoencoderConfig Config { get; }

    /// <summary>BFL <c>ae.safetensors</c> (float32), open for the fixture's lifetime.</summary>
    public SafetensorsFile Checkpoint { get; }

    /// <summary>The case's reference tensors: <c>x</c>, <c>moments</c>, <c>z</c>, <c>decoded</c>.</summary>
    public SafetensorsFile Case { get; }

    /// <summary>The manifest's <c>tolerance.suggested_atol</c>.</summary>
    public double SuggestedAtol { get; }

    public IWeightSource WholeCheckpoint => new SafetensorsWeightSource(Checkpoint);

    public float[] CaseTensor(string name)
    {
        var values = new float[Case.GetInfo(name).ElementCount];
        Case.ReadAsFloat32(name, values);
        return values;
    }

    public long[] CaseShape(string name) => Case.GetInfo(name).Shape.ToArray();

    /// <summary>
    /// Builds one half (<paramref name="encoder"/> or the decoder) from the fixture checkpoint filtered to that
    /// half, checks the weights, writes it and opens it in ORT.
    /// </summary>
    public (ModelSession Session, BuiltModel Model) Open(bool encoder, AttentionForm attention)
    {
        var g = new GraphBuilder();
        var prefix = encoder ? AutoencoderGraphs.EncoderWeightPrefix : AutoencoderGraphs.DecoderWeightPrefix;
        var weights = new WeightRegistry(g, new PrefixFilteredWeightSource(WholeCheckpoint, prefix));
        var options = new AutoencoderGraphOptions { Attention = attention };
        if (encoder)
        {
            AutoencoderGraphs.BuildEncoder(g, weights.Root, Config, options);
        }
        else
        {
            AutoencoderGraphs.BuildDecoder(g, weights.Root, Config, options);
        }
        weights.EnsureComplete();
        var model = g.Build();
        var path = Path.Combine(_directory, $"{(encoder ? "encoder" : "decoder")}_{attention}.onnx");
        new OnnxModelWriter().Write(model, path);
        using var sessionOptions = new SessionSettings(IntraOpThreads: 2).CreateOptions(out _);
        return (new ModelSession(path, sessionOptions), model);
    }

    public void Dispose()
    {
        Checkpoint.Dispose();
        Case.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
