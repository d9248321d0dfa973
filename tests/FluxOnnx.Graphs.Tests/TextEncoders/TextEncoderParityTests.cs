using FluxOnnx.Packaging;
using FluxOnnx.Graphs.Models.Clip;
using FluxOnnx.Graphs.Models.T5;
using FluxOnnx.Graphs.Models.TextEncoders;
using Xunit;
using Xunit.Abstractions;
using FluxOnnx.Graphs.Layers;
using FluxOnnx.Converter.Formats;

namespace FluxOnnx.Graphs.Tests.TextEncoders;

/// <summary>
/// The T5 and CLIP graphs built from the fixture checkpoints (fp16-stored, written as fp32) and run on ORT's CPU
/// provider match the reference outputs of <c>cases/text_encoders_public</c> (sd3.5 <c>other_impls</c>, float32)
/// for both prompts and every attention form.
/// </summary>
[Collection(TextEncoderCollection.Name)]
public sealed class TextEncoderParityTests(TextEncoderFixture fixture, ITestOutputHelper output)
{
    /// <summary>The fixtures' float32-vs-float64 noise is ~3e-6 on unit-scale outputs; 1e-4 is the agreed budget.</summary>
    private const float Tolerance = 1e-4f;

    private const int T5Length = 256;

    public static TheoryData<string, AttentionForm> Cases()
    {
        var data = new TheoryData<string, AttentionForm>();
        foreach (string prompt in new[] { "dog_beach", "astronaut" })
        {
            foreach (var form in Enum.GetValues<AttentionForm>())
            {
                data.Add(prompt, form);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void T5_last_hidden_state_matches_the_reference(string prompt, AttentionForm form)
    {
        var config = HfT5ConfigJson.Read(TextEncoderFixture.T5ConfigPath);
        using var session = fixture.BuildAndOpen(fixture.T5Weights(), $"t5_{form}.onnx",
            (g, root) => T5EncoderGraph.Build(g, root, config, T5Length, new TextEncoderGraphOptions { Attention = form }));

        var ids = fixture.Ids($"{prompt}.t5_{T5Length}.input_ids");
        var actual = fixture.Run(session, FluxIo.InputIds, ids, FluxIo.TextEmbeddings)[0];

        var expected = fixture.Floats($"{prompt}.t5_{T5Length}.last_hidden_state");
        Assert.Equal(T5Length * config.DModel, actual.Length);
        float error = MaxAbsDifference(expected, actual);
        output.WriteLine($"T5 {prompt} {form}: max |Δ| last_hidden_state = {error:E3}");
        Assert.InRange(error, 0f, Tolerance);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Clip_hidden_states_and_pooled_output_match_the_reference(string prompt, AttentionForm form)
    {
        var config = HfClipConfigJson.Read(TextEncoderFixture.ClipConfigPath);
        using var session = fixture.BuildAndOpen(fixture.ClipWeights(), $"clip_{form}.onnx",
            (g, root) => ClipTextGraph.Build(g, root, config, new TextEncoderGraphOptions { Attention = form }));

        var ids = fixture.Ids($"{prompt}.clip.input_ids");
        var outputs = fixture.Run(session, FluxIo.InputIds, ids, FluxIo.TextEmbeddings, FluxIo.PooledEmbeddings);

        var expectedText = fixture.Floats($"{prompt}.clip.last_hidden_state");
        var expectedPooled = fixture.Floats($"{prompt}.clip.pooler_output");
        Assert.Equal(77 * config.HiddenSize, outputs[0].Length);
        Assert.Equal(config.HiddenSize, outputs[1].Length);
        float textError = MaxAbsDifference(expectedText, outputs[0]);
        float pooledError = MaxAbsDifference(expectedPooled, outputs[1]);
        output.WriteLine($"CLIP {prompt} {form}: max |Δ| last_hidden_state = {textError:E3}, pooler_output = {pooledError:E3}");
        Assert.InRange(textError, 0f, Tolerance);
        Assert.InRange(pooledError, 0f, Tolerance);

        // The pooled row is the hidden state at the first EOS (49407), not merely close to the reference.
        int eos = Array.IndexOf(ids, 49407L);
        Assert.True(eos > 0);
        Assert.Equal(outputs[0].AsSpan(eos * config.HiddenSize, config.HiddenSize).ToArray(), outputs[1]);
    }

    [Theory]
    [InlineData(AttentionForm.MultiHeadAttention)]
    [InlineData(AttentionForm.OnnxAttention)]
    [InlineData(AttentionForm.Decomposed)]
    public void Both_prompts_in_one_batch_match_their_references(AttentionForm form)
    {
        string[] prompts = ["dog_beach", "astronaut"];
        var t5Config = HfT5ConfigJson.Read(TextEncoderFixture.T5ConfigPath);
        using (var t5 = fixture.BuildAndOpen(fixture.T5Weights(), $"t5_batch_{form}.onnx",
            (g, root) => T5EncoderGraph.Build(g, root, t5Config, T5Length, new TextEncoderGraphOptions { Attention = form })))
        {
            var text = fixture.RunBatch(t5, FluxIo.InputIds,
                prompts.Select(p => fixture.Ids($"{p}.t5_{T5Length}.input_ids")).ToArray(), FluxIo.TextEmbeddings)[0];
            var expected = prompts.SelectMany(p => fixture.Floats($"{p}.t5_{T5Length}.last_hidden_state")).ToArray();
            float error = MaxAbsDifference(expected, text);
            output.WriteLine($"T5 batch 2 {form}: max |Δ| = {error:E3}");
            Assert.InRange(error, 0f, Tolerance);
        }

        var clipConfig = HfClipConfigJson.Read(TextEncoderFixture.ClipConfigPath);
        using var clip = fixture.BuildAndOpen(fixture.ClipWeights(), $"clip_batch_{form}.onnx",
            (g, root) => ClipTextGraph.Build(g, root, clipConfig, new TextEncoderGraphOptions { Attention = form }));
        var outputs = fixture.RunBatch(clip, FluxIo.InputIds, prompts.Select(p => fixture.Ids($"{p}.clip.input_ids")).ToArray(),
            FluxIo.TextEmbeddings, FluxIo.PooledEmbeddings);
        float textError = MaxAbsDifference(prompts.SelectMany(p => fixture.Floats($"{p}.clip.last_hidden_state")).ToArray(), outputs[0]);
        float pooledError = MaxAbsDifference(prompts.SelectMany(p => fixture.Floats($"{p}.clip.pooler_output")).ToArray(), outputs[1]);
        output.WriteLine($"CLIP batch 2 {form}: max |Δ| last_hidden_state = {textError:E3}, pooler_output = {pooledError:E3}");
        Assert.InRange(textError, 0f, Tolerance);
        Assert.InRange(pooledError, 0f, Tolerance);
    }

    private static float MaxAbsDifference(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        float max = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.False(float.IsNaN(actual[i]), $"NaN at {i}");
            max = Math.Max(max, Math.Abs(expected[i] - actual[i]));
        }
        return max;
    }
}
