using System.CommandLine;
using FluxOnnx.Cli.Commands;

namespace FluxOnnx.Cli;

/// <summary>
/// The <c>flux</c> command line: a thin adapter that turns options into one library request per command
/// (STYLE habit 13). Failures end as <see cref="CliErrors"/> decides: one line and exit 2 for the user's
/// errors, 130 on cancellation, 70 with the stack trace for a bug.
/// </summary>
public static class CliApp
{
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("FluxOnnx: convert FLUX.1 checkpoints to ONNX and generate images with ONNX Runtime.");
        root.Subcommands.Add(GenerateCommand.Create());
        root.Subcommands.Add(ConvertCommand.Create());
        root.Subcommands.Add(CalibrateCommand.Create());
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(InspectCommand.Create());
        root.Subcommands.Add(PullCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(TokenizeCommand.Create());
        root.Subcommands.Add(ProvidersCommand.Create());
        root.Subcommands.Add(CompareCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());
        return root;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        var config = new InvocationConfiguration
        {
            Output = stdout ?? Console.Out,
            Error = stderr ?? Console.Error,
            EnableDefaultExceptionHandler = false,
        };
        using var cts = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cts.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            var parse = BuildRoot().Parse(args);
            if (parse.Errors.Count > 0)
            {
                return CliErrors.ReportParseErrors(parse, config.Error);
            }
            return await parse.InvokeAsync(config, cts.Token);
        }
        catch (Exception e)
        {
            return CliErrors.Report(e, config.Error);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
