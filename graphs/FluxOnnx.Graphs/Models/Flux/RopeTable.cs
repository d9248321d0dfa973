using FluxOnnx.Graphs.Building;

namespace FluxOnnx.Graphs.Models.Flux;

/// <summary>
/// The RoPE table BFL calls <c>pe</c>, stored as the two factors <see cref="Rope.Apply"/> needs, each
/// [L, 1, head_dim] float32 (L = txt_tokens + img_tokens, axis 1 broadcasts over heads): for pair k of a head,
/// columns 2k and 2k+1 hold (cos θ_k, cos θ_k) in <see cref="Cos"/> and (−sin θ_k, +sin θ_k) in <see cref="Sin"/>,
/// the entries of BFL's 2×2 rotation [[cos, −sin], [sin, cos]].
/// </summary>
public sealed record RopeTable(Value Cos, Value Sin);
