using System.CommandLine;
using FluxOnnx.Pipeline;

namespace FluxOnnx.Cli;

/// <summary>The ONNX Runtime memory and threading flags of the commands that open a pipeline, mapped onto <see cref="PipelineOptions"/>.</summary>
public sealed class SessionFlags
{
    public Option<string?> Prepack { get; } = new("--prepack")
    {
        Description = "on or off: ONNX Runtime's weight prepacking at load (default: off for fp32 packages, on otherwise). Off keeps weights mapped from the file instead of a packed copy.",
    };

    public Option<bool> NoArena { get; } = new("--no-arena") { Description = "Turn off ONNX Runtime's CPU memory arena." };

    public Option<bool> MemoryPattern { get; } = new("--memory-pattern") { Description = "Turn on ONNX Runtime's memory-pattern planner (off by default: it raises the peak)." };

    public Option<bool> NoSpinning { get; } = new("--no-spinning") { Description = "Idle ONNX Runtime threads sleep at once instead of spinning." };

    public SessionFlags()
    {
        Prepack.AcceptOnlyFromAmong("on", "off");
    }

    public IEnumerable<Option> All => [Prepack, NoArena, MemoryPattern, NoSpinning];

    /// <summary><paramref name="options"/> with the flags of <paramref name="parse"/> applied.</summary>
    public PipelineOptions Apply(ParseResult parse, PipelineOptions options) => options with
    {
        PrepackWeights = parse.GetValue(Prepack) switch { "on" => true, "off" => false, _ => null },
        EnableCpuMemArena = !parse.GetValue(NoArena),
        EnableMemoryPattern = parse.GetValue(MemoryPattern),
        AllowSpinning = !parse.GetValue(NoSpinning),
    };
}
