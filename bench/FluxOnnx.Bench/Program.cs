using BenchmarkDotNet.Running;
using FluxOnnx.Bench.LargeModels;

// `write-large` is a plain measured command (one run, peak memory read from the kernel); everything else goes to
// BenchmarkDotNet, e.g. `--filter '*QuantizedMatMul*'`.
if (args.Length > 0 && args[0] == "write-large")
{
    return LargeModelWriteCommand.Run(args[1..]);
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
