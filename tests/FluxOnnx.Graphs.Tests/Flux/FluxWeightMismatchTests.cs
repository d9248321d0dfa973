using FluxOnnx.Converter.Checkpoints;
using FluxOnnx.Converter.Safetensors;
using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Models.Flux;
using FluxOnnx.Graphs.Weights;
using FluxOnnx.TestSupport;
using Xunit;
using FluxOnnx.Converter.Formats;

namespace FluxOnnx.Graphs.Tests.Flux;

/// <summary>
/// Damaged copies of the tiny schnell checkpoint (written with <see cref="SafetensorsWriter"/>) make building
/// the graph end in <see cref="WeightMismatchException"/> naming the tensor.
/// </summary>
public sealed class FluxWeightMismatchTests
{
    private static readonly string Checkpoint = Path.Combine(SharedPaths.Models, "flux-tiny-schnell", "flux.safetensors");
    private static readonly FluxConfig Config = FluxParamsJson.Load(Path.Combine(SharedPaths.Models, "flux-tiny-schnell", "flux_params.json"));

    [Fact]
    public void The_untouched_checkpoint_is_complete()
    {
        using var file = SafetensorsFile.Open(Checkpoint);
        var g = new GraphBuilder();
        var weights = new WeightRegistry(g, new SafetensorsWeightSource(file));
        FluxTransformerGraph.Build(g, weights.Root, Config);

        weights.EnsureComplete();
        Assert.Equal(80, g.Build().Proto.Graph.Initializer.Count(t => !t.Name.StartsWith('/')));
    }

    [Fact]
    public void A_missing_block_tensor_is_listed_as_missing()
    {
        var e = BuildFromCopy((name, shape) => name == "double_blocks.1.txt_mlp.2.weight" ? null : (name, shape));

        Assert.Equal(["double_blocks.1.txt_mlp.2.weight"], e.Missing);
        Assert.Empty(e.Unused);
        Assert.Empty(e.ShapeMismatches);
        Assert.Contains("double_blocks.1.txt_mlp.2.weight", e.Message);
    }

    [Fact]
    public void A_renamed_key_is_listed_as_missing_under_the_reference_name_and_unused_under_its_own()
    {
        var e = BuildFromCopy((name, shape) => name == "single_blocks.0.norm.key_norm.scale" ? ("single_blocks.0.norm.k_norm.scale", shape) : (name, shape));

        Assert.Equal(["single_blocks.0.norm.key_norm.scale"], e.Missing);
        Assert.Equal(["single_blocks.0.norm.k_norm.scale"], e.Unused);
        Assert.Empty(e.ShapeMismatches);
    }

    [Fact]
    public void A_wrong_shape_is_listed_with_both_shapes()
    {
        // Same bytes, declared transposed: [512, 128] becomes [128, 512].
        var e = BuildFromCopy((name, shape) => name == "double_blocks.0.img_mlp.0.weight" ? (name, [shape[1], shape[0]]) : (name, shape));

        var mismatch = Assert.Single(e.ShapeMismatches);
        Assert.Equal("double_blocks.0.img_mlp.0.weight", mismatch.Name);
        Assert.Equal(new long[] { 512, 128 }, mismatch.Expected);
        Assert.Equal(new long[] { 128, 512 }, mismatch.Actual);
        Assert.Empty(e.Missing);
        Assert.Empty(e.Unused);
        Assert.Contains("double_blocks.0.img_mlp.0.weight: expected [512, 128], checkpoint has [128, 512]", e.Message);
    }

    /// <summary>Copies the checkpoint through <paramref name="edit"/> (null drops a tensor), builds on the copy, returns the exception.</summary>
    private static WeightMismatchException BuildFromCopy(Func<string, long[], (string Name, long[] Shape)?> edit)
    {
        using var temp = new TempDirectory();
        string copy = temp.File("damaged.safetensors");
        using (var source = SafetensorsFile.Open(Checkpoint))
        {
            var kept = source.Tensors
                .Select(t => (t.Name, Edited: edit(t.Name, t.Shape.ToArray()), t.DType))
                .Where(t => t.Edited is not null)
                .ToArray();
            using var writer = SafetensorsWriter.Create(copy,
                kept.Select(t => new SafetensorsTensorDeclaration(t.Edited!.Value.Name, t.DType, t.Edited.Value.Shape)));
            var originalName = kept.ToDictionary(t => t.Edited!.Value.Name, t => t.Name);
            while (writer.NextTensorName is { } next)
            {
                writer.WriteTensor(next, source.GetBytes(originalName[next]));
            }
            writer.Complete();
        }

        using var file = SafetensorsFile.Open(copy);
        var g = new GraphBuilder();
        var weights = new WeightRegistry(g, new SafetensorsWeightSource(file));
        FluxTransformerGraph.Build(g, weights.Root, Config);
        return Assert.Throws<WeightMismatchException>(weights.EnsureComplete);
    }
}
