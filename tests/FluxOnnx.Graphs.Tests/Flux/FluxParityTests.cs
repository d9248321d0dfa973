using FluxOnnx.Packaging;
using FluxOnnx.Converter.Safetensors;
using FluxOnnx.Graphs.Models.Flux;
using FluxOnnx.TestSupport;
using Xunit;
using Xunit.Abstractions;
using FluxOnnx.Graphs.Layers;
using FluxOnnx.Converter.Formats;

namespace FluxOnnx.Graphs.Tests.Flux;

/// <summary>
/// Golden parity: the FLUX graph built from the tiny fixture checkpoints, written and run on ONNX Runtime CPU,
/// against BFL's <c>Flux.forward</c> output stored in the fixture cases, for every attention form.
/// </summary>
public sealed class FluxParityTests(ITestOutputHelper output)
{
    /// <summary>FLUX schnell forward budget (fixtures README: ~1e-4 for a float32 ONNX graph; suggested_atol 4e-5).</summary>
    private const float SchnellTolerance = 1e-4f;

    /// <summary>Fill forward at guidance 30: manifest suggested_atol 0.003 (guidance·1000 sinusoids in float32).</summary>
    private const float FillTolerance = 3e-3f;

    [Theory]
    [InlineData(AttentionForm.MultiHeadAttention, QkNormForm.RmsNormalization)]
    [InlineData(AttentionForm.OnnxAttention, QkNormForm.RmsNormalization)]
    [InlineData(AttentionForm.Decomposed, QkNormForm.RmsNormalization)]
    [InlineData(AttentionForm.MultiHeadAttention, QkNormForm.SimplifiedLayerNormalization)]
    public void Schnell_forward_matches_the_reference_output(AttentionForm attention, QkNormForm qkNorm)
    {
        string model = Path.Combine(SharedPaths.Models, "flux-tiny-schnell");
        var config = FluxParamsJson.Load(Path.Combine(model, "flux_params.json"));
        using var tensors = SafetensorsFile.Open(Path.Combine(SharedPaths.Case("flux_forward_schnell_b1_128x128"), "tensors.safetensors"));
        var inputs = new Dictionary<string, FluxGraphRunner.Tensor>
        {
            [FluxIo.HiddenStates] = FluxGraphRunner.Read(tensors, "img"),
            [FluxIo.EncoderHiddenStates] = FluxGraphRunner.Read(tensors, "txt"),
            [FluxIo.PooledProjections] = FluxGraphRunner.Read(tensors, "y"),
            [FluxIo.Timestep] = FluxGraphRunner.Read(tensors, "timesteps"),
            [FluxIo.ImgIds] = FluxGraphRunner.Read(tensors, "img_ids", dropBatch: true),
            [FluxIo.TxtIds] = FluxGraphRunner.Read(tensors, "txt_ids", dropBatch: true),
        };

        float error = RunAndCompare(model, config, attention, qkNorm, inputs, FluxGraphRunner.Read(tensors, "out"));

        output.WriteLine($"schnell {attention} {qkNorm}: max abs error {error:E3}");
        Assert.InRange(error, 0f, SchnellTolerance);
    }

    [Theory]
    [InlineData(AttentionForm.MultiHeadAttention)]
    [InlineData(AttentionForm.OnnxAttention)]
    [InlineData(AttentionForm.Decomposed)]
    public void Fill_forward_with_guidance_matches_the_reference_output(AttentionForm attention)
    {
        string model = Path.Combine(SharedPaths.Models, "flux-tiny-fill");
        var config = FluxParamsJson.Load(Path.Combine(model, "flux_params.json"));
        Assert.Equal(384, config.InChannels);
        Assert.True(config.GuidanceEmbed);
        using var tensors = SafetensorsFile.Open(Path.Combine(SharedPaths.Case("fill_forward_b1_128x128"), "tensors.safetensors"));
        var inputs = new Dictionary<string, FluxGraphRunner.Tensor>
        {
            [FluxIo.HiddenStates] = FluxGraphRunner.Read(tensors, "model_input.img"),
            [FluxIo.EncoderHiddenStates] = FluxGraphRunner.Read(tensors, "txt"),
            [FluxIo.PooledProjections] = FluxGraphRunner.Read(tensors, "y"),
            [FluxIo.Timestep] = FluxGraphRunner.Read(tensors, "model_input.timesteps"),
            [FluxIo.Guidance] = FluxGraphRunner.Read(tensors, "model_input.guidance"),
            [FluxIo.ImgIds] = FluxGraphRunner.Read(tensors, "model_input.img_ids", dropBatch: true),
            [FluxIo.TxtIds] = FluxGraphRunner.Read(tensors, "txt_ids", dropBatch: true),
        };

        float error = RunAndCompare(model, config, attention, QkNormForm.RmsNormalization, inputs, FluxGraphRunner.Read(tensors, "out"));

        output.WriteLine($"fill {attention}: max abs error {error:E3}");
        Assert.InRange(error, 0f, FillTolerance);
    }

    private static float RunAndCompare(string model, FluxConfig config, AttentionForm attention, QkNormForm qkNorm,
        IReadOnlyDictionary<string, FluxGraphRunner.Tensor> inputs, FluxGraphRunner.Tensor expected)
    {
        using var temp = new TempDirectory();
        var options = new FluxGraphOptions { Attention = attention, QkNorm = qkNorm };
        string path = FluxGraphRunner.BuildAndWrite(Path.Combine(model, "flux.safetensors"), config, options, temp.Path);
        var actual = FluxGraphRunner.Run(path, inputs);
        Assert.Equal(expected.Shape, actual.Shape);
        return FluxGraphRunner.MaxAbsDifference(expected.Data, actual.Data);
    }
}
