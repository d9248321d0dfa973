using FluxOnnx.Cli.Tests.Lora;
using FluxOnnx.Converter.Conversion;
using FluxOnnx.Converter.Lora;
using FluxOnnx.Converter.Tests.Conversion;
using FluxOnnx.Lora;
using FluxOnnx.Serving;

namespace FluxOnnx.Server.Tests.Support;

/// <summary>
/// The fixture models converted once with run-time LoRA slots of rank 8, and the LoRA files the tests register:
/// <c>style</c> (rank 4), <c>big</c> (rank 12, over the slots) and <c>padded</c> (rank 12 whose last 4 components are
/// zero) with <c>exact</c>, its first 8 components.
/// </summary>
public sealed class LoraServePackage : IDisposable
{
    public const int SlotRank = 8;

    public LoraServePackage()
    {
        Root = Directory.CreateTempSubdirectory("flux-serve-lora-").FullName;
        Slots = Path.Combine(Root, "slots");
        PackageConverter.Convert(FixturePackage.Request(Slots) with { LoraSlots = SlotRank });
        Style = KohyaLoraWriter.Write(Path.Combine(Root, "style.safetensors"), rank: 4, seed: 21);
        Big = KohyaLoraWriter.Write(Path.Combine(Root, "big.safetensors"), rank: 12, seed: 22);
        Padded = KohyaLoraWriter.Write(Path.Combine(Root, "padded.safetensors"), rank: 12, seed: 23, nonZeroRank: 8);
        Exact = KohyaLoraWriter.WriteTruncation(Path.Combine(Root, "exact.safetensors"), fullRank: 12, rank: 8, seed: 23);
    }

    public string Root { get; }

    public string Slots { get; }

    public string Style { get; }

    public string Big { get; }

    public string Padded { get; }

    public string Exact { get; }

    /// <summary>The registrations <c>flux serve --lora NAME=FILE</c> makes, for every file above.</summary>
    public IReadOnlyList<ServedLora> Registered =>
    [
        Register("style", Style), Register("big", Big), Register("padded", Padded),
    ];

    public static ServedLora Register(string name, string file) => new(name, slots => LoraAdapterReader.Read(new LoraSpec(file), slots));

    /// <summary>The adapter the runtime binds for <paramref name="file"/> at <paramref name="strength"/> on the slot package.</summary>
    public LowRankAdapter Adapter(string file, double strength)
    {
        var manifest = Packaging.ModelPackage.Open(Slots).Manifest;
        return LoraAdapterReader.Read(new LoraSpec(file, strength), LoraSlots.FromManifest(manifest, Slots)!);
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
