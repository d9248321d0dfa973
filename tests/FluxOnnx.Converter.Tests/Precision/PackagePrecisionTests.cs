using FluxOnnx.Converter.Conversion;
using FluxOnnx.Converter.Tests.Safetensors;
using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Onnx;
using FluxOnnx.Runtime;
using FluxOnnx.TestSupport;
using Xunit;

namespace FluxOnnx.Converter.Tests.Precision;

using Precision = FluxOnnx.Precision;

/// <summary>
/// Whole packages (transformer, T5, CLIP, VAE decoder and encoder from the fixtures) per precision: every
/// component loads in an ORT CPU session, the manifest records the precision, and the components reached by the
/// precision are exactly the transformer and T5 (CLIP and VAE stay float32) except fp16, which reaches all.
/// </summary>
public sealed class PackagePrecisionTests
{
    [Theory]
    [InlineData(Precision.Fp16)]
    [InlineData(Precision.Bf16)]
    [InlineData(Precision.Fp8)]
    [InlineData(Precision.Int8)]
    [InlineData(Precision.Int4)]
    public void Every_component_converts_and_loads(Precision precision)
    {
        using var temp = new TempDirectory();
        string output = Path.Combine(temp.Path, "package");
        var manifest = PackageConverter.Convert(new ConvertRequest(
            output,
            Transformer: TinySchnell.Checkpoint,
            TransformerConfig: TinySchnell.ParamsJson,
            T5: Path.Combine(SharedPaths.Models, "t5"),
            Clip: Path.Combine(SharedPaths.Models, "clip"),
            Ae: Path.Combine(SharedPaths.Models, "ae.safetensors"),
            AeConfig: Path.Combine(SharedPaths.Models, "ae_params.json"),
            Precision: precision));
        Assert.Equal(precision, manifest.Precision);

        foreach (var (role, component) in manifest.Components)
        {
            string path = Path.Combine(output, component.Path);
            using (var options = new SessionSettings().CreateOptions(out _))
            using (new ModelSession(path, options)) { }

            var graph = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path)).Graph;
            var types = graph.Initializer.Select(t => (ElementType)t.DataType).ToHashSet();
            bool reached = precision == Precision.Fp16 || role is "transformer" or "text_encoder_2";
            var marker = precision switch
            {
                // cpu int8: the transformer's Linears are dynamic int8 (INT8 weights); T5 keeps MatMulNBits (UINT8).
                Precision.Int8 when role == "transformer" => ElementType.Int8,
                Precision.Fp16 => ElementType.Float16,
                Precision.Bf16 => ElementType.BFloat16,
                Precision.Fp8 => ElementType.Float8E4M3FN,
                _ => ElementType.UInt8,
            };
            Assert.True(reached == types.Contains(marker), $"{role}: initializer types {string.Join(", ", types)}");
        }
    }
}
