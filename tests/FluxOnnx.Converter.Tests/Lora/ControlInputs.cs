using System.Text.Json.Nodes;
using FluxOnnx.Converter.Safetensors;
using FluxOnnx.Converter.Tests.Formats;
using FluxOnnx.Converter.Tests.Safetensors;
using FluxOnnx.TestSupport;

namespace FluxOnnx.Converter.Tests.Lora;

/// <summary>The tiny transformer widened to 64 + 64 input channels (what a BFL control LoRA does to img_in), and forward inputs for it.</summary>
internal static class ControlInputs
{
    private static string TensorFile => Path.Combine(SharedPaths.Case("flux_forward_schnell_b1_128x128"), "tensors.safetensors");

    /// <summary>flux_params.json of the tiny model with in_channels 128 (out_channels stays 64).</summary>
    public static string WideParams(TempDirectory dir)
    {
        var json = JsonNode.Parse(File.ReadAllText(LoraPackages.Params))!;
        json["in_channels"] = 128;
        var path = dir.File("flux_params_wide.json");
        File.WriteAllText(path, json.ToJsonString());
        return path;
    }

    /// <summary>The forward fixture's inputs with hidden_states = cat(img, control) [1, 64, 128], control a fixed ramp.</summary>
    public static string Write(TempDirectory dir)
    {
        using var fixture = SafetensorsFile.Open(TensorFile);
        float[] Read(string name)
        {
            var v = new float[fixture.GetInfo(name).ElementCount];
            fixture.ReadAsFloat32(name, v);
            return v;
        }
        var img = Read("img");
        var hidden = new float[64 * 128];
        for (var t = 0; t < 64; t++)
        {
            Array.Copy(img, t * 64, hidden, t * 128, 64);
            for (var c = 0; c < 64; c++)
            {
                hidden[t * 128 + 64 + c] = (float)Math.Sin(0.1 * t + 0.37 * c);
            }
        }
        var txt = Read("txt");
        var textTokens = txt.Length / 64;
        var path = dir.File("control-inputs.safetensors");
        RawTensor.Save(path,
        [
            RawTensor.Floats("hidden_states", [1, 64, 128], hidden),
            RawTensor.Floats("encoder_hidden_states", [1, textTokens, 64], txt),
            RawTensor.Floats("pooled_projections", [1, 32], Read("y")),
            RawTensor.Floats("timestep", [1], Read("timesteps")),
            RawTensor.Floats("img_ids", [64, 3], Read("img_ids")),
            RawTensor.Floats("txt_ids", [textTokens, 3], Read("txt_ids")),
        ]);
        return path;
    }
}
