using FluxOnnx.TestSupport;
using FluxOnnx.Converter.Checkpoints;
using FluxOnnx.Converter.Safetensors;
using FluxOnnx.Graphs.Building;
using Xunit;

namespace FluxOnnx.Converter.Tests.Formats;

/// <summary>Opening components and their tensors reads no tensor data; only WriteTo does, and only what it needs.</summary>
public sealed class LazinessTests
{
    [Fact]
    public void Nothing_is_read_before_WriteTo_and_WriteTo_reads_only_its_parts()
    {
        using var dir = new TempDirectory();
        string file = dir.File("diffusion_pytorch_model.safetensors");
        RawTensor.Save(file, FixtureRelayout.ToDiffusersTransformer(RawTensor.Load(FixtureRelayout.Schnell)));
        var location = Assert.Single(CheckpointDetector.Detect(dir.Path).Components);
        using var counting = new CountingSafetensorsSource(SafetensorsFile.Open(file));

        var weights = Checkpoint.CreateComponent(location, counting);
        var sources = weights.Names.ToDictionary(n => n, n => weights.Open(n, ElementType.Float)!);
        Assert.Equal(80, sources.Count);
        Assert.Empty(counting.Reads);

        sources["single_blocks.1.linear1.bias"].WriteTo(Stream.Null, CancellationToken.None);

        Assert.Equal(
            ["single_transformer_blocks.1.attn.to_q.bias", "single_transformer_blocks.1.attn.to_k.bias",
             "single_transformer_blocks.1.attn.to_v.bias", "single_transformer_blocks.1.proj_mlp.bias"],
            counting.Reads.Distinct());
    }

    [Fact]
    public void A_scaled_fp8_file_reads_only_its_layer_configs_on_open()
    {
        var (stored, metadata) = FixtureRelayout.ToComfyQuant(RawTensor.Load(FixtureRelayout.Schnell), "", headerMetadata: false);
        using var dir = new TempDirectory();
        string file = dir.File("fp8.safetensors");
        RawTensor.Save(file, stored, metadata);
        var location = Assert.Single(CheckpointDetector.Detect(file).Components);
        using var counting = new CountingSafetensorsSource(SafetensorsFile.Open(file));

        var weights = Checkpoint.CreateComponent(location, counting);
        foreach (string name in weights.Names)
        {
            weights.Open(name, ElementType.Float);
            weights.OpenQuantized(name);
        }

        Assert.Equal(26, counting.Reads.Count);
        Assert.All(counting.Reads, n => Assert.EndsWith(".comfy_quant", n));
    }
}
