using BenchmarkDotNet.Running;
using FluxOnnx.Bench.Conversion;
using FluxOnnx.Bench.Flux;
using FluxOnnx.Bench.GenerateMemory;
using FluxOnnx.Bench.LargeModels;
using FluxOnnx.Bench.Lora;
using FluxOnnx.Bench.Profiling;
using FluxOnnx.Bench.Quantization;
using FluxOnnx.Bench.Serving;
using FluxOnnx.Bench.SessionTuning;
using FluxOnnx.Bench.Targets;

// Plain measured commands (one run, numbers printed) come first; everything else goes to BenchmarkDotNet,
// e.g. `--filter '*QuantizedMatMul*'`.
if (args.Length > 0 && args[0] == "write-large")
{
    return LargeModelWriteCommand.Run(args[1..]);
}
if (args.Length > 0 && args[0] == "flux-attention")
{
    FluxAttentionTiming.Run(args[1..]);
    return 0;
}
if (args.Length > 0 && args[0] == "targets")
{
    return TargetsCommand.Run(args[1..]);
}
if (args.Length > 0 && args[0] == "profile")
{
    return ProfileCommand.Run(args[1..]);
}
if (args.Length > 0 && args[0] == "session-options")
{
    return SessionOptionsCommand.Run(args[1..]);
}
if (args.Length > 0 && args[0] == "session-options-run")
{
    return SessionVariantRun.Run(args[1..]); // the child side of session-options
}
if (args.Length > 0 && args[0] == "int8-forms")
{
    return Int8FormsCommand.Run(args[1..]);
}
if (args.Length > 0 && args[0] == "convert-full")
{
    return ConvertFullCommand.Run(args[1..]);
}
if (args.Length > 0 && args[0] == "convert-full-phase")
{
    return ConvertFullPhase.Run(args[1..]); // the child side of convert-full
}
if (args.Length > 0 && args[0] == "generate-memory")
{
    return GenerateMemoryCommand.Run(args[1..]);
}
if (args.Length > 0 && args[0] == "generate-memory-run")
{
    return GenerateMemoryRun.Run(args[1..]); // the child side of generate-memory
}
if (args.Length > 0 && args[0] == "generate-memory-load")
{
    return SessionLoadRun.Run(args[1..]); // the child side of generate-memory
}
if (args.Length > 0 && args[0] == "lora-slots")
{
    return LoraSlotsCommand.Run(args[1..]);
}
if (args.Length > 0 && args[0] == "serve-batching")
{
    return ServeBatchingCommand.Run(args[1..]);
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
