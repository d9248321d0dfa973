using FluxOnnx.Graphs.Building;

namespace FluxOnnx.Graphs.Models.Flux;

/// <summary>flux <c>layers.py</c> <c>ModulationOut</c>: three [B, 1, hidden] values that condition one sub-layer on <c>vec</c>.</summary>
public sealed record ModulationOut(Value Shift, Value Scale, Value Gate);
