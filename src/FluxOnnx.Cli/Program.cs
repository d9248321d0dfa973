using FluxOnnx.Cli;

return await CliApp.RunAsync(args);
