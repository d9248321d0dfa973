using FluxOnnx.TestSupport;
using FluxOnnx.Converter.Conversion;
using FluxOnnx.Converter.Tests.Formats;
using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Tensors;
using Xunit;
using Xunit.Abstractions;

namespace FluxOnnx.Converter.Tests.Precision;

using Precision = FluxOnnx.Precision;

/// <summary>
/// A ComfyUI scaled-fp8 transformer converted to fp8 keeps its payload: the written E4M3FN bytes are the file's
/// own (transposed to MatMul layout), and the per-tensor scale is broadcast per output channel, with no
/// dequantize-requantize round trip.
/// </summary>
public sealed class ScaledFp8PayloadTests(ITestOutputHelper output)
{
    [Fact]
    public void Converting_a_scaled_fp8_file_to_fp8_keeps_every_payload_byte()
    {
        var bfl = RawTensor.Load(FixtureRelayout.Schnell);
        using var dir = new TempDirectory();
        string file = dir.File("flux1-schnell-fp8-scaled.safetensors");
        var stored = FixtureRelayout.ToLegacyScaledFp8(bfl, "");
        RawTensor.Save(file, stored);

        var written = new Dictionary<string, (ITensorSource Source, byte[] Bytes)>(StringComparer.Ordinal);
        var result = TinySchnell.Run(WeightPolicies.For(Precision.Fp8), file, model =>
        {
            for (int i = 0; i < model.Proto.Graph.Initializer.Count; i++)
            {
                var source = model.InitializerSources[i];
                written[model.Proto.Graph.Initializer[i].Name] = (source, Bytes(source));
            }
        });
        output.WriteLine($"scaled-fp8 file → fp8: cosine {result.Cosine:F9}");
        Assert.InRange(result.Cosine, 0.9998, 1.0000001);

        int checkedWeights = 0;
        foreach (var original in bfl.Where(FixtureRelayout.IsQuantized))
        {
            var payload = stored.Single(t => t.Name == original.Name);
            var (weight, bytes) = written[original.Name];
            Assert.Equal(ElementType.Float8E4M3FN, weight.ElementType);
            long rows = original.Shape[0], cols = original.Shape[1];
            Assert.Equal([cols, rows], weight.Dims);
            for (long r = 0; r < rows; r++)
            {
                for (long c = 0; c < cols; c++)
                {
                    Assert.Equal(payload.Bytes[r * cols + c], bytes[c * rows + r]); // written [in, out] = stored [out, in]ᵀ
                }
            }
            float scale = stored.Single(t => t.Name == original.Name[..^".weight".Length] + ".scale_weight").ToFloats()[0];
            float[] scales = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(written[original.Name + "_scale"].Bytes).ToArray();
            Assert.Equal(rows, scales.Length);
            Assert.All(scales, s => Assert.Equal(scale, s));
            checkedWeights++;
        }
        Assert.Equal(26, checkedWeights);
    }

    private static byte[] Bytes(ITensorSource source)
    {
        using var ms = new MemoryStream();
        source.WriteTo(ms, CancellationToken.None);
        return ms.ToArray();
    }
}
