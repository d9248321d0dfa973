using FluxOnnx.TestSupport;
using FluxOnnx.Converter.Checkpoints;
using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Weights;
using Xunit;

namespace FluxOnnx.Converter.Tests.Formats;

/// <summary>Renamed, missing and mis-shaped tensors surface as typed errors that name them.</summary>
public sealed class RecipeErrorTests
{
    private static ComponentWeightSource OpenDiffusers(TempDirectory dir, Func<List<RawTensor>, IEnumerable<RawTensor>> edit, out Checkpoint checkpoint)
    {
        var diffusers = FixtureRelayout.ToDiffusersTransformer(RawTensor.Load(FixtureRelayout.Schnell));
        RawTensor.Save(dir.File("diffusion_pytorch_model.safetensors"), edit(diffusers));
        checkpoint = Checkpoint.Open(dir.Path);
        return checkpoint.OpenComponent(ComponentKind.Transformer);
    }

    /// <summary>Takes every BFL reference weight as graph code would, then lets the registry judge.</summary>
    private static WeightMismatchException BuildAgainstReference(IWeightSource source)
    {
        var registry = new WeightRegistry(new GraphBuilder(), source);
        foreach (var t in RawTensor.Load(FixtureRelayout.Schnell))
        {
            Take(registry.Root, t.Name.Split('.'), t.Shape);
        }
        return Assert.Throws<WeightMismatchException>(registry.EnsureComplete);
    }

    /// <summary>Enters the modules of <paramref name="path"/> one segment at a time and takes its last segment.</summary>
    private static void Take(WeightScope scope, ReadOnlySpan<string> path, long[] shape)
    {
        if (path.Length == 1)
        {
            scope.Float(path[0], shape);
            return;
        }
        using var child = int.TryParse(path[0], out int index) ? scope.Enter(index) : scope.Enter(path[0]);
        Take(child, path[1..], shape);
    }

    [Fact]
    public void A_partly_present_concat_names_the_missing_part()
    {
        using var dir = new TempDirectory();
        var error = Assert.Throws<IncompleteRecipeException>(() =>
            OpenDiffusers(dir, d => d.Where(t => t.Name != "transformer_blocks.1.attn.add_k_proj.weight"), out _));

        Assert.Equal("double_blocks.1.txt_attn.qkv.weight", error.ReferenceName);
        Assert.Equal(["transformer_blocks.1.attn.add_k_proj.weight"], error.Missing);
        Assert.Equal(["transformer_blocks.1.attn.add_q_proj.weight", "transformer_blocks.1.attn.add_v_proj.weight"], error.Present);
    }

    [Fact]
    public void A_renamed_key_is_reported_unused_under_its_stored_name_and_its_reference_missing()
    {
        using var dir = new TempDirectory();
        var weights = OpenDiffusers(dir, d => d.Select(t => t.Name == "transformer_blocks.0.ff.net.2.bias" ? t.Renamed("transformer_blocks.0.ff.net.3.bias") : t), out var checkpoint);
        using var _ = checkpoint;

        var error = BuildAgainstReference(weights);

        Assert.Equal(["double_blocks.0.img_mlp.2.bias"], error.Missing);
        Assert.Equal(["transformer_blocks.0.ff.net.3.bias"], error.Unused);
        Assert.Empty(error.ShapeMismatches);
    }

    [Fact]
    public void A_missing_block_lists_every_weight_of_it()
    {
        using var dir = new TempDirectory();
        var weights = OpenDiffusers(dir, d => d.Where(t => !t.Name.StartsWith("single_transformer_blocks.1.", StringComparison.Ordinal)), out var checkpoint);
        using var _ = checkpoint;

        var error = BuildAgainstReference(weights);

        Assert.Equal(8, error.Missing.Count); // linear1, linear2, modulation.lin (weight, bias), query/key norm scales
        Assert.All(error.Missing, n => Assert.StartsWith("single_blocks.1.", n));
        Assert.Contains("single_blocks.1.linear1.weight", error.Missing);
        Assert.Empty(error.Unused);
    }

    [Fact]
    public void Concat_parts_with_different_columns_are_a_shape_error_with_both_shapes()
    {
        using var dir = new TempDirectory();
        var error = Assert.Throws<RecipeShapeException>(() => OpenDiffusers(dir, d => d.Select(t =>
            t.Name == "single_transformer_blocks.0.attn.to_k.weight" ? t with { Shape = [256, 64] } : t), out _));

        Assert.Equal("single_blocks.0.linear1.weight", error.ReferenceName);
        Assert.Equal("single_transformer_blocks.0.attn.to_k.weight", error.TensorName);
        Assert.Equal("[256, 64]", error.Actual);
        Assert.Contains("128", error.Expected);
    }

    [Fact]
    public void A_whole_tensor_of_another_shape_is_the_graphs_shape_mismatch()
    {
        using var dir = new TempDirectory();
        var weights = OpenDiffusers(dir, d => d.Select(t => t.Name == "x_embedder.weight" ? t with { Shape = [64, 128] } : t), out var checkpoint);
        using var _ = checkpoint;

        var error = BuildAgainstReference(weights);

        var mismatch = Assert.Single(error.ShapeMismatches);
        Assert.Equal("img_in.weight", mismatch.Name);
        Assert.Equal([128L, 64], mismatch.Expected);
        Assert.Equal([64L, 128], mismatch.Actual);
    }

    [Fact]
    public void An_odd_modulation_cannot_be_swapped()
    {
        using var dir = new TempDirectory();
        var error = Assert.Throws<RecipeShapeException>(() => OpenDiffusers(dir, d => d.Select(t =>
            t.Name == "norm_out.linear.bias" ? t.SliceRows(t.Name, 0, 255) : t), out _));

        Assert.Equal("final_layer.adaLN_modulation.1.bias", error.ReferenceName);
        Assert.Equal("[255]", error.Actual);
    }
}
