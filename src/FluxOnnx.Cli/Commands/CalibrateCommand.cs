using System.CommandLine;
using FluxOnnx.Cli.Rendering;
using FluxOnnx.Tools.Calibration;

namespace FluxOnnx.Cli.Commands;

/// <summary>
/// <c>flux calibrate --package FP32 --output TABLE.json [--prompts N]</c>: records the activation range of every
/// Linear of an fp32 package's transformer, for <c>flux convert --precision fp8 --target tensorrt --calibration-table</c>.
/// </summary>
public static class CalibrateCommand
{
    public static Command Create()
    {
        var package = new Option<string>("--package") { Description = "An fp32 package converted from the checkpoints the fp8 package will be converted from.", Required = true };
        var output = new Option<string>("--output") { Description = "Where to write the calibration table (JSON).", Required = true };
        var prompts = new Option<int>("--prompts") { Description = "Number of built-in calibration prompts to run (seeds 0..N-1).", DefaultValueFactory = _ => 8 };
        var command = new Command("calibrate", "Record the activation ranges of an fp32 package for fp8 TensorRT conversion.") { package, output, prompts };
        command.SetAction((parse, ct) =>
        {
            var request = new CalibrateRequest(parse.GetRequiredValue(package), parse.GetRequiredValue(output), parse.GetValue(prompts));
            var table = new StageProgress(parse.InvocationConfiguration.Error).Run(report =>
                ActivationCalibrator.Calibrate(request, new Reporter<CalibrationProgress>(p => report("calibration prompts", p.Done, p.Total)), ct));
            parse.InvocationConfiguration.Output.WriteLine(
                $"wrote {Path.GetFullPath(request.Output!)}: {table.Linears.Count} Linears over {table.Prompts} prompts ({table.Linears.FirstOrDefault()?.Samples ?? 0} transformer runs)");
            return Task.FromResult(0);
        });
        return command;
    }
}
