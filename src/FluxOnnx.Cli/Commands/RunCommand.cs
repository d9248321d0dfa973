using System.CommandLine;
using FluxOnnx.Tools.Debugging;
using FluxOnnx.Runtime.Providers;
using FluxOnnx.Packaging;

namespace FluxOnnx.Cli.Commands;

/// <summary><c>flux run PACKAGE COMPONENT --inputs IN.safetensors --output OUT.safetensors</c>: one graph, by hand.</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var package = new Argument<string>("package") { Description = "The model package folder." };
        var component = new Argument<string>("component") { Description = "transformer, text_encoder, text_encoder_2, vae_encoder or vae_decoder." };
        component.AcceptOnlyFromAmong([.. ComponentRoles.All]);
        var inputs = new Option<string>("--inputs") { Description = "Safetensors file with one tensor per graph input, named like the inputs.", Required = true };
        var output = new Option<string>("--output") { Description = "Safetensors file to write every output into.", Required = true };
        var provider = new Option<string>("--provider") { Description = "cpu, cuda, tensorrt, directml or auto.", DefaultValueFactory = _ => "cpu" };
        var threads = new Option<int?>("--threads") { Description = "Intra-op threads (default: ONNX Runtime's choice)." };
        threads.NonNegative();
        var command = new Command("run", "Run one component of a package on input tensors and write its outputs.") { package, component, inputs, output, provider, threads };
        command.SetAction((parse, ct) =>
        {
            var result = ComponentRunner.Run(new ComponentRunRequest(
                parse.GetRequiredValue(package),
                parse.GetRequiredValue(component),
                parse.GetRequiredValue(inputs),
                parse.GetRequiredValue(output),
                ExecutionProviderParser.Parse(parse.GetRequiredValue(provider)),
                parse.GetValue(threads)), ct);
            var stdout = parse.InvocationConfiguration.Output;
            foreach (var o in result.Outputs)
            {
                stdout.WriteLine($"{o.Name}: {o.DType} [{string.Join(", ", o.Shape)}]");
            }
            stdout.WriteLine($"ran on {result.Provider} in {result.RunTime.TotalMilliseconds:0.0} ms; wrote {Path.GetFullPath(parse.GetRequiredValue(output))}");
            return Task.FromResult(0);
        });
        return command;
    }
}
