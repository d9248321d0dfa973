using FluxOnnx.Packaging;
using FluxOnnx.Pipeline;
using Xunit;

namespace FluxOnnx.Tests.Pipeline;

/// <summary>Packages missing a component or with I/O names the pipeline cannot bind are refused at open, by name.</summary>
[Collection(PipelineCollection.Name)]
public sealed class PackageContractTests(StandInPackages packages)
{
    private static PackageManifest EditComponent(PackageManifest m, string role, Func<ComponentManifest, ComponentManifest> edit) =>
        m with { Components = m.Components.ToDictionary(kv => kv.Key, kv => kv.Key == role ? edit(kv.Value) : kv.Value) };

    private static IReadOnlyList<TensorSignature> Rename(IReadOnlyList<TensorSignature> list, string from, string to) =>
        list.Select(s => s.Name == from ? s with { Name = to } : s).ToArray();

    [Fact]
    public void MissingComponent_IsNamed()
    {
        var folder = packages.Write(new StandInSpec
        {
            EditManifest = m => m with { Components = m.Components.Where(kv => kv.Key != ComponentRoles.VaeDecoder).ToDictionary() },
        });
        var error = Assert.Throws<ComponentMissingException>(() => FluxPipeline.Open(folder, StandInPackages.Options()));
        Assert.Equal("vae_decoder", error.Role);
        Assert.Equal(new[] { "text_encoder", "text_encoder_2", "transformer" }, error.Available);
    }

    [Fact]
    public void MissingTokenizer_IsNamed()
    {
        var folder = packages.Write(new StandInSpec
        {
            EditManifest = m => m with { Tokenizers = new Dictionary<string, string> { ["clip"] = "tokenizer" } },
        });
        var error = Assert.Throws<ComponentMissingException>(() => FluxPipeline.Open(folder, StandInPackages.Options()));
        Assert.Equal("tokenizer:t5", error.Role);
    }

    [Fact]
    public void WrongTransformerInputNameInTheManifest_NamesComponentExpectedAndActual()
    {
        var folder = packages.Write(new StandInSpec
        {
            EditManifest = m => EditComponent(m, ComponentRoles.Transformer, c => c with { Inputs = Rename(c.Inputs, "timestep", "timesteps") }),
        });
        var error = Assert.Throws<ComponentSignatureException>(() => FluxPipeline.Open(folder, StandInPackages.Options()));
        Assert.Equal(("transformer", "inputs"), (error.Role, error.Direction));
        Assert.Equal("[hidden_states, encoder_hidden_states, pooled_projections, timestep, img_ids, txt_ids] (optional [guidance])", error.Expected);
        Assert.Equal("[hidden_states, encoder_hidden_states, pooled_projections, timesteps, img_ids, txt_ids]", error.Actual);
    }

    [Fact]
    public void WrongDecoderOutputName_IsNamed()
    {
        var folder = packages.Write(new StandInSpec
        {
            EditManifest = m => EditComponent(m, ComponentRoles.VaeDecoder, c => c with { Outputs = Rename(c.Outputs, "images", "sample") }),
        });
        var error = Assert.Throws<ComponentSignatureException>(() => FluxPipeline.Open(folder, StandInPackages.Options()));
        Assert.Equal(("vae_decoder", "outputs", "at least [images]", "[sample]"), (error.Role, error.Direction, error.Expected, error.Actual));
    }

    [Fact]
    public void WrongElementType_IsNamed()
    {
        var folder = packages.Write(new StandInSpec
        {
            EditManifest = m => EditComponent(m, ComponentRoles.TextEncoder, c => c with
            {
                Inputs = c.Inputs.Select(s => s with { ElementType = ElementType.Int32 }).ToArray(),
            }),
        });
        var error = Assert.Throws<ComponentSignatureException>(() => FluxPipeline.Open(folder, StandInPackages.Options()));
        Assert.Equal(("text_encoder", "input 'input_ids'", "element type int64", "element type int32"),
            (error.Role, error.Direction, error.Expected, error.Actual));
    }

    [Fact]
    public void GraphDisagreeingWithItsManifest_IsRefusedWhenTheSessionOpens()
    {
        var folder = packages.Write(new StandInSpec { GraphInputRename = ("img_ids", "image_ids") });
        var error = Assert.Throws<ComponentSignatureException>(() => FluxPipeline.Open(folder, StandInPackages.Options()));
        Assert.Equal(("transformer", "inputs"), (error.Role, error.Direction));
        Assert.Contains("image_ids", error.Actual);
    }

    [Fact]
    public void VerifyHashes_RefusesAnAlteredFile()
    {
        var folder = packages.Write(new StandInSpec());
        using (FluxPipeline.Open(folder, StandInPackages.Options() with { VerifyHashes = true }))
        {
        }
        File.AppendAllText(Path.Combine(folder, "tokenizer", "merges.txt"), "\n");
        var error = Assert.Throws<PackageHashMismatchException>(() =>
            FluxPipeline.Open(folder, StandInPackages.Options() with { VerifyHashes = true }));
        Assert.EndsWith("merges.txt", error.PackagePath);
    }
}
