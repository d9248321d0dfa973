using System.CommandLine;
using FluxOnnx.Cli.Rendering;
using FluxOnnx.Tools.Inspection;

namespace FluxOnnx.Cli.Commands;

/// <summary><c>flux inspect PATH</c>: a table of a safetensors file, an ONNX model or a model package.</summary>
public static class InspectCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "A .safetensors file, a .safetensors.index.json, a .onnx model or a model package folder." };
        var command = new Command("inspect", "Summarize a checkpoint, an ONNX model or a model package.") { path };
        command.SetAction((parse, _) =>
        {
            var report = Inspector.Inspect(parse.GetRequiredValue(path));
            ReportRenderer.Render(report, parse.InvocationConfiguration.Output);
            return Task.FromResult(0);
        });
        return command;
    }
}
