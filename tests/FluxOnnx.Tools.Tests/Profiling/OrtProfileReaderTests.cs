using FluxOnnx.TestSupport;
using FluxOnnx.Converter.Tests.Precision;
using FluxOnnx.Graphs.Models.Flux;
using FluxOnnx.Packaging;
using FluxOnnx.Runtime;
using FluxOnnx.Tools.Profiling;
using Xunit;

namespace FluxOnnx.Tools.Tests.Profiling;

/// <summary>
/// The trace reader and the step breakdown on a real ONNX Runtime profile: the tiny schnell fixture transformer
/// (graph code, CPU target: MultiHeadAttention, RoPE, modulation) run with profiling on, one warm-up and two measured
/// runs. Asserts what the graph must contain, never timings.
/// </summary>
public sealed class OrtProfileReaderTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Reads_the_kernels_of_the_runs_after_the_warm_up_with_their_op_types_and_scopes()
    {
        var profile = OrtProfileReader.Read(ProfileTinySchnell(runs: 3), warmupRuns: 1);

        Assert.Equal(2, profile.Runs);
        Assert.Equal(2, profile.RunMicroseconds.Count);
        Assert.All(profile.Nodes, n => Assert.Equal("CPUExecutionProvider", n.Provider));
        var ops = profile.Nodes.Select(n => n.OpType).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("MultiHeadAttention", ops);
        Assert.Contains("LayerNormalization", ops);
        Assert.Contains(ops, op => op is "MatMul" or "FusedMatMul" or "Gemm");
        // Both measured runs executed the same kernels, so each name occurs an even number of times.
        Assert.All(profile.Nodes.GroupBy(n => n.Node), g => Assert.Equal(0, g.Count() % 2));
        Assert.Contains(profile.Nodes, n => n.Node.StartsWith("/transformer/double_blocks.0/attention/rope_q/", StringComparison.Ordinal));
        Assert.All(profile.Nodes.Where(n => n.OpType == "MultiHeadAttention"), n =>
        {
            Assert.Equal(3, n.InputShapes.Count);                                     // q, k, v [B, L, N·D]
            Assert.Equal(TinySchnell.Config.HiddenSize, n.OutputShapes[0][^1]);
        });
    }

    [Fact]
    public void Breakdown_puts_every_part_of_a_step_in_its_group_and_the_linears_have_flops()
    {
        var breakdown = ProfileBreakdown.Of(OrtProfileReader.Read(ProfileTinySchnell(runs: 2), warmupRuns: 1));

        var parts = breakdown.ByPart.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var part in Enum.GetNames<StepPart>()) Assert.Contains(part, parts);
        var config = TinySchnell.Config;
        Assert.Equal(config.Depth + config.DepthSingleBlocks, breakdown.ByPart.Single(r => r.Key == nameof(StepPart.Attention)).KernelsPerRun); // one MHA per block
        Assert.Contains(breakdown.ByScope, r => r.Key == "/transformer/double_blocks.*/attention/rope_q");
        Assert.Contains(breakdown.ByScope, r => r.Key == "/transformer/pe_embedder");
        Assert.True(breakdown.LinearFlopsPerRun > 0);
        Assert.Equal(breakdown.KernelMicrosecondsPerRun, breakdown.ByPart.Sum(r => r.MicrosecondsPerRun), 6);
        Assert.NotNull(breakdown.ArenaInUsePeakBytes);
        Assert.True(breakdown.ArenaHeldBytes >= breakdown.ArenaInUsePeakBytes);
    }

    [Fact]
    public void Step_parts_follow_the_scope_first_then_the_op_type()
    {
        static StepPart Of(string node, string op) => StepParts.Of(new OrtNodeTiming(node, op, "", 0, 1, [], []));

        Assert.Equal(StepPart.Rope, Of("/transformer/single_blocks.3/attention/rope_k/Gather", "Gather"));
        Assert.Equal(StepPart.Attention, Of("/transformer/single_blocks.3/attention/MultiHeadAttention", "MultiHeadAttention"));
        Assert.Equal(StepPart.Modulation, Of("/transformer/double_blocks.0/img_mod/lin/MatMul/MatMulAddFusion", "Gemm"));
        Assert.Equal(StepPart.Linear, Of("/transformer/double_blocks.0/img_attn/qkv/MatMul", "MatMul"));
        Assert.Equal(StepPart.Norm, Of("/transformer/double_blocks.0/img_attn/norm/query_norm/Mul", "Mul"));
        Assert.Equal(StepPart.Copy, Of("/transformer/single_blocks.0/Split", "Split"));
        Assert.Equal(StepPart.Elementwise, Of("/transformer/double_blocks.0/img/Add", "Add"));
        Assert.Equal("/transformer/double_blocks.*/img_attn/qkv", ProfileBreakdown.ScopeOf("/transformer/double_blocks.12/img_attn/qkv/MatMul"));
    }

    [Fact]
    public void A_file_that_is_not_a_trace_or_has_no_run_past_the_warm_up_is_refused_with_its_path()
    {
        string notJson = _temp.File("not.json"), noRuns = _temp.File("empty.json");
        File.WriteAllText(notJson, "{\"cat\": ");
        File.WriteAllText(noRuns, "[]");

        var e1 = Assert.Throws<InvalidProfileException>(() => OrtProfileReader.Read(notJson));
        Assert.Equal(notJson, e1.FilePath);
        Assert.Contains("not a JSON trace", e1.Problem);
        var e2 = Assert.Throws<InvalidProfileException>(() => OrtProfileReader.Read(noRuns, warmupRuns: 1));
        Assert.Contains("0 model_run event(s)", e2.Problem);
    }

    /// <summary>Runs the tiny schnell transformer <paramref name="runs"/> times with profiling on; returns the trace path.</summary>
    private string ProfileTinySchnell(int runs)
    {
        string model = FluxGraphRunner.BuildAndWrite(TinySchnell.Checkpoint, TinySchnell.Config, new FluxGraphOptions(), _temp.Path);
        var settings = new SessionSettings(IntraOpThreads: 2) { ProfilePathPrefix = _temp.File("ort-profile") };
        using var options = settings.CreateOptions(out _);
        using var session = new ModelSession(model, options);
        var (inputs, _) = TinySchnell.Case();
        var values = inputs.ToDictionary(kv => kv.Key, kv => OnnxTensors.Wrap(kv.Value.Data, kv.Value.Shape));
        try
        {
            for (int i = 0; i < runs; i++)
            {
                using var _ = session.Run(values, [FluxIo.Latent]);
            }
        }
        finally
        {
            foreach (var v in values.Values) v.Dispose();
        }
        return session.Session.EndProfiling();
    }
}
