using FluxOnnx.Tools.Debugging;
using FluxOnnx.Converter.Safetensors;
using FluxOnnx.Runtime.Providers;
using FluxOnnx.Packaging;
using FluxOnnx.TestSupport;

namespace FluxOnnx.Converter.Tests.Conversion;

/// <summary>
/// The flux_forward_schnell_b1_128x128 fixture as a <c>flux run</c> input file (its tensors renamed to the graph's
/// input names; ids lose their batch axis, the 2-D graph form) and its reference output.
/// </summary>
internal static class ForwardCase
{
    private static string TensorFile => Path.Combine(SharedPaths.Case("flux_forward_schnell_b1_128x128"), "tensors.safetensors");

    public static void WriteInputs(string path)
    {
        using var fixture = SafetensorsFile.Open(TensorFile);
        var map = new (string From, string To, bool DropBatch)[]
        {
            ("img", "hidden_states", false), ("txt", "encoder_hidden_states", false), ("y", "pooled_projections", false),
            ("timesteps", "timestep", false), ("img_ids", "img_ids", true), ("txt_ids", "txt_ids", true),
        };
        var declarations = map.Select(m =>
        {
            var info = fixture.GetInfo(m.From);
            return new SafetensorsTensorDeclaration(m.To, info.DType, m.DropBatch ? info.Shape.Skip(1).ToArray() : info.Shape.ToArray());
        }).ToArray();
        using var writer = SafetensorsWriter.Create(path, declarations);
        foreach (var d in writer.WriteOrder)
        {
            writer.WriteTensor(d.Name, fixture.GetBytes(map.Single(m => m.To == d.Name).From));
        }
        writer.Complete();
    }

    /// <summary>Runs the package's transformer on the fixture inputs; returns its output and the reference <c>out</c>.</summary>
    public static (float[] Actual, float[] Expected) Run(string package, string scratch)
    {
        var inputs = Path.Combine(scratch, "forward-inputs-" + Guid.NewGuid().ToString("N") + ".safetensors");
        var outputs = Path.Combine(scratch, "forward-outputs-" + Guid.NewGuid().ToString("N") + ".safetensors");
        WriteInputs(inputs);
        ComponentRunner.Run(new ComponentRunRequest(package, ComponentRoles.Transformer, inputs, outputs, new CpuProviderRequest()));
        using var actual = SafetensorsFile.Open(outputs);
        using var expected = SafetensorsFile.Open(TensorFile);
        var a = new float[64 * 64];
        var e = new float[64 * 64];
        actual.ReadAsFloat32("latent", a);
        expected.ReadAsFloat32("out", e);
        return (a, e);
    }
}
