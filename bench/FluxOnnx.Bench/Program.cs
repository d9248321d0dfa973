using BenchmarkDotNet.Running;
using FluxOnnx.Bench.Flux;

if (args.Length > 0 && args[0] == "flux-attention")
{
    FluxAttentionTiming.Run(args[1..]);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
