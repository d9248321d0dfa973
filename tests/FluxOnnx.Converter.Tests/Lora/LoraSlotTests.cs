using FluxOnnx.TestSupport;
using FluxOnnx.Converter.Conversion;
using FluxOnnx.Converter.Lora;
using FluxOnnx.Converter.Tests.Conversion;
using FluxOnnx.Converter.Tests.EndToEnd;
using FluxOnnx.Converter.Tests.Formats;
using FluxOnnx.Lora;
using FluxOnnx.Packaging;
using FluxOnnx.Pipeline;
using Xunit;

namespace FluxOnnx.Converter.Tests.Lora;

/// <summary>
/// Run-time LoRA slots: a package converted with <c>LoraSlots</c> and a LoRA bound to its slot inputs gives the
/// same transformer output as the package with that LoRA fused at conversion (1e-5 relative), for every format;
/// several LoRAs pack along the slot rank; too much rank and non-slot targets are refused with typed errors.
/// </summary>
public sealed class LoraSlotTests
{
    private const int SlotRank = 16;

    /// <summary>The forward fixture through the slot package, with <paramref name="adapters"/> packed into the slot inputs.</summary>
    private static float[] ForwardWithSlots(string package, PackageManifest manifest, IReadOnlyList<LowRankAdapter> adapters, string scratch)
    {
        var slots = LoraSlots.FromManifest(manifest, package)!;
        var bound = LoraSlotInputs.Build(slots, adapters);
        var basic = Path.Combine(scratch, "basic-" + Guid.NewGuid().ToString("N") + ".safetensors");
        ForwardCase.WriteInputs(basic);
        var all = Path.Combine(scratch, "slots-" + Guid.NewGuid().ToString("N") + ".safetensors");
        RawTensor.Save(all, RawTensor.Load(basic).Concat(bound.Tensors.Select(t => RawTensor.Floats(t.Name, t.Shape, bound.Data(t.Name)))));
        return LoraPackages.Run(package, all, scratch, 64 * 64);
    }

    private static void AssertSlotsMatchFused(Func<int, LoraFileBuilder> layout, double strength)
    {
        using var dir = new TempDirectory();
        var file = layout(13).Save(dir.File("lora.safetensors"));
        var fused = LoraPackages.Convert(dir.File("fused"), LoraPackages.Schnell, [new LoraSpec(file, strength)]);
        var slotted = LoraPackages.Convert(dir.File("slots"), LoraPackages.Schnell, slots: SlotRank);
        var slots = LoraSlots.FromManifest(slotted.Manifest, slotted.Path)!;
        var adapter = LoraAdapterReader.Read(new LoraSpec(file, strength), slots);

        var expected = LoraPackages.Forward(fused.Path, dir.Path);
        var actual = ForwardWithSlots(slotted.Path, slotted.Manifest, [adapter], dir.Path);
        Assert.InRange(LoraPackages.Relative(actual, expected), 0, 1e-5);
    }

    [Fact]
    public void Kohya_in_slots_equals_kohya_fused() => AssertSlotsMatchFused(s => LoraLayouts.Kohya(s, globals: false), 0.8);

    [Fact]
    public void Diffusers_in_slots_equals_diffusers_fused() => AssertSlotsMatchFused(s => LoraLayouts.Diffusers(s, globals: false), 1);

    [Fact]
    public void XLabs_in_slots_equals_xlabs_fused() => AssertSlotsMatchFused(LoraLayouts.XLabs, 1.2);

    [Fact]
    public void Bfl_in_slots_equals_bfl_fused() => AssertSlotsMatchFused(s => LoraLayouts.Bfl(s, globals: false), 0.5);

    [Fact]
    public void Slot_package_declares_one_input_pair_per_block_linear_and_zero_slots_equal_the_plain_package()
    {
        using var dir = new TempDirectory();
        var slotted = LoraPackages.Convert(dir.File("slots"), LoraPackages.Schnell, slots: SlotRank);
        var plain = LoraPackages.Convert(dir.File("plain"), LoraPackages.Schnell);
        var inputs = slotted.Manifest.Components[ComponentRoles.Transformer].Inputs;
        // 2 double blocks x 10 Linears + 2 single blocks x 3 Linears, each a down/up pair.
        Assert.Equal(2 * (2 * 10 + 2 * 3), inputs.Count(i => LoraSlotNames.IsSlotInput(i.Name)));
        var qkv = inputs.Single(i => i.Name == "lora_down.double_blocks.0.img_attn.qkv");
        Assert.Equal(["128", "16"], qkv.Shape);
        Assert.Equal(["16", "384"], inputs.Single(i => i.Name == "lora_up.double_blocks.0.img_attn.qkv").Shape);
        Assert.DoesNotContain(inputs, i => i.Name.EndsWith(".img_in", StringComparison.Ordinal));
        Assert.Equal(SlotRank, slotted.Manifest.Lora!.SlotRank);

        var zero = ForwardWithSlots(slotted.Path, slotted.Manifest, [], dir.Path);
        Assert.InRange(LoraPackages.Relative(zero, LoraPackages.Forward(plain.Path, dir.Path)), 0, 1e-6);
    }

    [Fact]
    public void Two_loras_share_the_slot_rank_and_equal_both_fused()
    {
        using var dir = new TempDirectory();
        var a = LoraLayouts.Kohya(21, globals: false).Save(dir.File("a.safetensors"));
        var b = LoraLayouts.XLabs(22).Save(dir.File("b.safetensors"));
        var fused = LoraPackages.Convert(dir.File("fused"), LoraPackages.Schnell, [new LoraSpec(a, 0.6), new LoraSpec(b, -0.9)]);
        var slotted = LoraPackages.Convert(dir.File("slots"), LoraPackages.Schnell, slots: SlotRank);
        var slots = LoraSlots.FromManifest(slotted.Manifest, slotted.Path)!;
        var adapters = new[] { LoraAdapterReader.Read(new LoraSpec(a, 0.6), slots), LoraAdapterReader.Read(new LoraSpec(b, -0.9), slots) };
        var actual = ForwardWithSlots(slotted.Path, slotted.Manifest, adapters, dir.Path);
        Assert.InRange(LoraPackages.Relative(actual, LoraPackages.Forward(fused.Path, dir.Path)), 0, 1e-5);
    }

    [Fact]
    public void More_rank_than_the_slots_hold_is_refused_naming_the_linear_and_both_ranks()
    {
        using var dir = new TempDirectory();
        var file = LoraLayouts.Kohya(21, globals: false).Save(dir.File("a.safetensors"));
        var slotted = LoraPackages.Convert(dir.File("slots"), LoraPackages.Schnell, slots: 4);
        var slots = LoraSlots.FromManifest(slotted.Manifest, slotted.Path)!;
        var adapter = LoraAdapterReader.Read(new LoraSpec(file), slots);
        // Rank 4 fits every module but linear1 (sd-scripts split layout, rank 8); two copies overflow qkv too.
        var e = Assert.Throws<LoraRankExceededException>(() => LoraSlotInputs.Build(slots, [adapter]));
        Assert.Equal("single_blocks.0.linear1", e.Module);
        Assert.Equal(8, e.RequiredRank);
        Assert.Equal(4, e.SlotRank);
        Assert.Equal("Loras", e.Field);
        Assert.Equal(["a.safetensors"], e.Adapters);
    }

    [Fact]
    public void Loras_for_linears_without_a_slot_or_with_full_tensors_are_refused()
    {
        using var dir = new TempDirectory();
        var slotted = LoraPackages.Convert(dir.File("slots"), LoraPackages.Schnell, slots: SlotRank);
        var slots = LoraSlots.FromManifest(slotted.Manifest, slotted.Path)!;
        var globals = LoraLayouts.Diffusers(3).Save(dir.File("globals.safetensors"));
        var unused = Assert.Throws<LoraUnusedKeysException>(() => LoraAdapterReader.Read(new LoraSpec(globals), slots));
        Assert.Contains("transformer.x_embedder.lora_A.weight", unused.Keys);
        var control = LoraLayouts.BflControl(3).Save(dir.File("control.safetensors"));
        Assert.Throws<LoraSlotMismatchException>(() => LoraAdapterReader.Read(new LoraSpec(control), slots, allowUnused: true));
    }

    [Fact]
    public void Svd_fit_folds_over_rank_loras_exactly_when_their_sum_has_the_slot_rank()
    {
        using var dir = new TempDirectory();
        // The same rank-4 LoRA twice needs rank 8 per Linear, but its sum 0.75·B·A has rank 4: folding loses nothing.
        var file = LoraLayouts.XLabs(41).Save(dir.File("x.safetensors"));
        var fused = LoraPackages.Convert(dir.File("fused"), LoraPackages.Schnell, [new LoraSpec(file, 0.75)]);
        var slotted = LoraPackages.Convert(dir.File("slots"), LoraPackages.Schnell, slots: 4);
        var slots = LoraSlots.FromManifest(slotted.Manifest, slotted.Path)!;
        LowRankAdapter[] twice = [LoraAdapterReader.Read(new LoraSpec(file, 0.5), slots), LoraAdapterReader.Read(new LoraSpec(file, 0.25), slots)];
        Assert.Throws<LoraRankExceededException>(() => LoraSlotInputs.Build(slots, twice));

        var (adapters, reports) = LoraRankFit.Fold(twice, slots);
        Assert.Equal(6, reports.Count);
        Assert.All(reports, r => Assert.Equal((8, 4), (r.RequiredRank, r.SlotRank)));
        Assert.All(reports, r => Assert.InRange(r.EnergyKept, 1 - 1e-9, 1 + 1e-9));
        var actual = ForwardWithSlots(slotted.Path, slotted.Manifest, adapters, dir.Path);
        Assert.InRange(LoraPackages.Relative(actual, LoraPackages.Forward(fused.Path, dir.Path)), 0, 1e-5);
    }

    [Fact]
    public void Svd_fit_reports_the_energy_it_drops()
    {
        using var dir = new TempDirectory();
        var file = LoraLayouts.Kohya(42, globals: false).Save(dir.File("k.safetensors"));
        var slotted = LoraPackages.Convert(dir.File("slots"), LoraPackages.Schnell, slots: 4);
        var slots = LoraSlots.FromManifest(slotted.Manifest, slotted.Path)!;
        var (adapters, reports) = LoraRankFit.Fold([LoraAdapterReader.Read(new LoraSpec(file), slots)], slots);
        var linear1 = Assert.Single(reports);
        Assert.Equal("single_blocks.0.linear1", linear1.Module);
        Assert.InRange(linear1.EnergyKept, 0.3, 0.999); // four independent rank-2 blocks, half of them dropped
        LoraSlotInputs.Build(slots, adapters); // now fits
    }

    [Fact]
    public void Generate_binds_the_lora_through_the_loop_and_matches_the_fused_package()
    {
        using var dir = new TempDirectory();
        var file = LoraLayouts.Diffusers(31, globals: false).Save(dir.File("style.safetensors"));
        var fused = PackageConverter.Convert(FixturePackage.Request(dir.File("fused")) with { Loras = [new LoraSpec(file, 0.75)] });
        PackageConverter.Convert(FixturePackage.Request(dir.File("slots")) with { LoraSlots = SlotRank });
        PackageConverter.Convert(FixturePackage.Request(dir.File("plain")));
        Assert.Single(fused.Lora!.Fused);

        float[] FirstPrediction(string package, bool withLora)
        {
            using var pipeline = FluxPipeline.Open(package, new PipelineOptions { IntraOpThreads = 2 });
            var observer = new RecordingObserver();
            IReadOnlyList<LowRankAdapter>? loras = null;
            if (withLora)
            {
                var slots = LoraSlots.FromManifest(pipeline.Package.Manifest, package)!;
                loras = [LoraAdapterReader.Read(new LoraSpec(file, 0.75), slots)];
            }
            pipeline.Generate(new GenerateRequest { Prompts = ["a dog on a beach"], Seeds = [42], Width = 128, Height = 128, Steps = 2, Loras = loras }, observer: observer);
            return observer.Predictions[^1];
        }

        var slotted = FirstPrediction(dir.File("slots"), withLora: true);
        var expected = FirstPrediction(dir.File("fused"), withLora: false);
        Assert.InRange(LoraPackages.Relative(slotted, expected), 0, 1e-5);
        var zeros = FirstPrediction(dir.File("slots"), withLora: false);
        Assert.InRange(LoraPackages.Relative(zeros, FirstPrediction(dir.File("plain"), withLora: false)), 0, 1e-6);
        Assert.True(LoraPackages.Relative(zeros, slotted) > 1e-2, "the LoRA must move the prediction");

        using var plainPipeline = FluxPipeline.Open(dir.File("plain"), new PipelineOptions { IntraOpThreads = 2 });
        var e = Assert.Throws<InvalidGenerateRequestException>(() => plainPipeline.Generate(new GenerateRequest
        {
            Prompts = ["x"], Seeds = [1], Loras = [new LowRankAdapter("style.safetensors", 1, [])],
        }));
        Assert.Equal("Loras", e.Field.Member);
    }

    [Fact]
    public void A_run_time_lora_for_another_model_size_is_refused_naming_the_tensor_and_both_shapes()
    {
        using var dir = new TempDirectory();
        var slotted = LoraPackages.Convert(dir.File("slots"), LoraPackages.Schnell, slots: SlotRank);
        var slots = LoraSlots.FromManifest(slotted.Manifest, slotted.Path)!;
        var b = new LoraFileBuilder(9);
        // Trained on a model of hidden 256: down [4, 256], up [768, 4] for the fused qkv.
        b.Pair("lora_unet_double_blocks_0_img_attn_qkv.lora_down.weight", "lora_unet_double_blocks_0_img_attn_qkv.lora_up.weight", 4, 256, 768);
        var file = b.Save(dir.File("big.safetensors"));
        var e = Assert.Throws<LoraShapeException>(() => LoraAdapterReader.Read(new LoraSpec(file), slots));
        Assert.Equal("lora_unet_double_blocks_0_img_attn_qkv.lora_down.weight", e.TensorName);
        Assert.Equal("double_blocks.0.img_attn.qkv.weight", e.Target);
        Assert.Equal([4L, 128], e.Expected);
        Assert.Equal([4L, 256], e.Actual);
        Assert.Contains("has shape [4, 256], the model needs [4, 128]", e.Message);
    }

    [Fact]
    public void A_truncated_run_time_lora_is_refused_with_a_typed_error_naming_the_file()
    {
        using var dir = new TempDirectory();
        var slotted = LoraPackages.Convert(dir.File("slots"), LoraPackages.Schnell, slots: SlotRank);
        var slots = LoraSlots.FromManifest(slotted.Manifest, slotted.Path)!;
        var file = LoraLayouts.Kohya(1, globals: false).Save(dir.File("cut.safetensors"));
        var bytes = File.ReadAllBytes(file);
        File.WriteAllBytes(file, bytes[..(bytes.Length - 100)]);
        var e = Assert.Throws<LoraFileException>(() => LoraAdapterReader.Read(new LoraSpec(file), slots));
        Assert.Equal(Path.GetFullPath(file), e.FilePath);
        Assert.Equal("Loras", e.Field);
        Assert.IsType<FluxOnnx.Converter.Safetensors.SafetensorsFormatException>(e.InnerException);
    }

    [Fact]
    public void A_zero_strength_run_time_lora_equals_no_lora()
    {
        using var dir = new TempDirectory();
        var slotted = LoraPackages.Convert(dir.File("slots"), LoraPackages.Schnell, slots: SlotRank);
        var slots = LoraSlots.FromManifest(slotted.Manifest, slotted.Path)!;
        var file = LoraLayouts.XLabs(4).Save(dir.File("x.safetensors"));
        var zero = LoraSlotInputs.Build(slots, [LoraAdapterReader.Read(new LoraSpec(file, 0), slots)]);
        Assert.All(zero.Tensors, t => Assert.All(zero.Data(t.Name), v => Assert.Equal(0f, v)));
        var none = ForwardWithSlots(slotted.Path, slotted.Manifest, [], dir.Path);
        var withZero = ForwardWithSlots(slotted.Path, slotted.Manifest, [LoraAdapterReader.Read(new LoraSpec(file, 0), slots)], dir.Path);
        Assert.Equal(none, withZero);
    }
}
