using FluxOnnx.Converter.Conversion;
using FluxOnnx.Tools.Debugging;
using FluxOnnx.Converter.Lora;
using FluxOnnx.Converter.Safetensors;
using FluxOnnx.Converter.Tests.Conversion;
using FluxOnnx.Converter.Tests.Formats;
using FluxOnnx.Packaging;
using FluxOnnx.Runtime.Providers;
using FluxOnnx.TestSupport;
using Xunit;

namespace FluxOnnx.Converter.Tests.Lora;

/// <summary>Converts the tiny fixture transformer with and without LoRAs and runs it on the forward fixture.</summary>
internal static class LoraPackages
{
    public static string Schnell => FixtureRelayout.Schnell;

    public static string Params => Path.Combine(SharedPaths.Models, "flux-tiny-schnell", "flux_params.json");

    public static (string Path, PackageManifest Manifest) Convert(string output, string transformer, IReadOnlyList<LoraSpec>? loras = null,
        int slots = 0, string? paramsJson = null, Variant? variant = null, bool allowUnused = false)
    {
        var manifest = PackageConverter.Convert(new ConvertRequest(output, Transformer: transformer, TransformerConfig: paramsJson ?? Params,
            Variant: variant, Loras: loras, LoraAllowUnused: allowUnused, LoraSlots: slots));
        return (output, manifest);
    }

    /// <summary>The transformer's <c>latent</c> output on the forward fixture's inputs.</summary>
    public static float[] Forward(string package, string scratch) => ForwardCase.Run(package, scratch).Actual;

    /// <summary>The forward fixture's reference output (the LoRA-free model).</summary>

    /// <summary>Runs the transformer of <paramref name="package"/> on an inputs file (named like the graph inputs); returns <c>latent</c>.</summary>
    public static float[] Run(string package, string inputs, string scratch, int elements)
    {
        var outputs = Path.Combine(scratch, "out-" + Guid.NewGuid().ToString("N") + ".safetensors");
        ComponentRunner.Run(new ComponentRunRequest(package, ComponentRoles.Transformer, inputs, outputs, new CpuProviderRequest()));
        using var file = SafetensorsFile.Open(outputs);
        var values = new float[elements];
        file.ReadAsFloat32("latent", values);
        return values;
    }

    /// <summary>max |a − e| / max |e|.</summary>
    public static double Relative(float[] actual, float[] expected)
    {
        Assert.Equal(expected.Length, actual.Length);
        double diff = 0, scale = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            diff = Math.Max(diff, Math.Abs((double)actual[i] - expected[i]));
            scale = Math.Max(scale, Math.Abs((double)expected[i]));
        }
        return diff / scale;
    }
}
