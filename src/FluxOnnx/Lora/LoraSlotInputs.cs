using FluxOnnx.Runtime;

namespace FluxOnnx.Lora;

/// <summary>
/// The slot tensors of one request: for every slot, <c>lora_down</c> [in, R] and <c>lora_up</c> [R, out] with the
/// request's LoRAs side by side along the rank (each term scaled by strength · its own scale), zeros in unused rank
/// columns and in every slot no LoRA touches:
/// <code>
///   down = [A₁ᵀ | A₂ᵀ | … | 0]          [in, R]
///   up   = [s₁B₁ᵀ ; s₂B₂ᵀ ; … ; 0]       [R, out]   (each Bᵢ placed at its term's row offset, i.e. output columns)
///   (x·down)·up = Σᵢ sᵢ · x·Aᵢᵀ·Bᵢᵀ  =  x·(Σᵢ sᵢ Bᵢ Aᵢ)ᵀ
/// </code>
/// Bound through the denoise loop's own IOBinding (<see cref="BindTo"/>), once per request.
/// </summary>
public sealed class LoraSlotInputs
{
    private readonly List<(string Name, float[] Data, long[] Shape)> _tensors;

    private LoraSlotInputs(List<(string, float[], long[])> tensors) => _tensors = tensors;

    /// <summary>Names and sizes of every bound tensor.</summary>
    public IEnumerable<(string Name, long[] Shape)> Tensors => _tensors.Select(t => (t.Name, t.Shape));

    /// <summary>The bound data of input <paramref name="name"/> (the array is this object's; do not modify).</summary>
    public float[] Data(string name) => _tensors.Single(t => t.Name == name).Data;

    /// <summary>Zero slots plus <paramref name="adapters"/> packed along the rank.</summary>
    /// <param name="slots">The package's slots.</param>
    /// <param name="adapters">The request's LoRAs in order (null = none; strength 0 ones take no rank).</param>
    /// <param name="field">Request field for errors (<c>Loras</c>).</param>
    /// <exception cref="LoraRankExceededException">A Linear needs more rank than the slots hold.</exception>
    /// <exception cref="LoraSlotMismatchException">A term targets no slot, a text encoder, a bias, or has the wrong shape.</exception>
    public static LoraSlotInputs Build(LoraSlots slots, IReadOnlyList<LowRankAdapter>? adapters, string field = "Loras")
    {
        ArgumentNullException.ThrowIfNull(slots);
        var used = new Dictionary<string, int>(StringComparer.Ordinal);
        var touching = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var buffers = slots.All.ToDictionary(s => s.Module, s => (Down: new float[s.In * s.Rank], Up: new float[s.Rank * s.Out]), StringComparer.Ordinal);
        foreach (var adapter in adapters ?? [])
        {
            if (adapter.Strength == 0)
            {
                continue;
            }
            foreach (var term in adapter.Terms)
            {
                if (term.Component != LoraComponent.Transformer)
                {
                    throw new LoraSlotMismatchException(field, adapter.Name, term.Component.ToString(), "text-encoder LoRAs have no run-time slots; fuse them at conversion");
                }
                var slot = slots.Find(term.Target)
                    ?? throw new LoraSlotMismatchException(field, adapter.Name, term.Target, "this Linear has no run-time LoRA slot; fuse the LoRA at conversion");
                if (term.UpBias is not null)
                {
                    throw new LoraSlotMismatchException(field, adapter.Name, term.Target, "bias updates (lora_B.bias) have no run-time slot; fuse the LoRA at conversion");
                }
                if (term.InFeatures != slot.In || term.RowOffset + term.Rows > slot.Out)
                {
                    throw new LoraSlotMismatchException(field, adapter.Name, term.Target,
                        $"rows [{term.RowOffset}, {term.RowOffset + term.Rows}) × {term.InFeatures} inputs do not fit the slot's [{slot.Out}, {slot.In}]");
                }
                var offset = used.GetValueOrDefault(term.Target);
                if (!touching.TryGetValue(term.Target, out var names))
                {
                    touching[term.Target] = names = [];
                }
                if (!names.Contains(adapter.Name))
                {
                    names.Add(adapter.Name);
                }
                if (offset + term.Rank > slot.Rank)
                {
                    var required = offset + term.Rank + adapters!.SkipWhile(a => a != adapter).Skip(1)
                        .Where(a => a.Strength != 0).SelectMany(a => a.Terms).Where(t => t.Target == term.Target).Sum(t => t.Rank);
                    throw new LoraRankExceededException(field, term.Target, required, slot.Rank, names);
                }
                Place(buffers[term.Target], slot, term, offset, (float)adapter.Strength * term.Scale);
                used[term.Target] = offset + term.Rank;
            }
        }
        var tensors = new List<(string, float[], long[])>();
        foreach (var slot in slots.All)
        {
            var (down, up) = buffers[slot.Module];
            tensors.Add((LoraSlotNames.Down(slot.Module), down, [slot.In, slot.Rank]));
            tensors.Add((LoraSlotNames.Up(slot.Module), up, [slot.Rank, slot.Out]));
        }
        return new LoraSlotInputs(tensors);
    }

    /// <summary>Binds every slot tensor as an input of <paramref name="binding"/>; the arrays stay owned by this object.</summary>
    public void BindTo(TensorBinding binding)
    {
        ArgumentNullException.ThrowIfNull(binding);
        foreach (var (name, data, shape) in _tensors)
        {
            binding.Input(name, data, shape);
        }
    }

    /// <summary>down[c, offset + k] = A[k, c];  up[offset + k, RowOffset + r] = coefficient · B[r, k].</summary>
    private static void Place((float[] Down, float[] Up) buffer, LoraSlot slot, LowRankTerm term, int offset, float coefficient)
    {
        var rank = slot.Rank;
        for (var k = 0; k < term.Rank; k++)
        {
            for (long c = 0; c < term.InFeatures; c++)
            {
                buffer.Down[c * rank + offset + k] = term.Down[k * term.InFeatures + c];
            }
            var upRow = (offset + k) * slot.Out;
            for (long r = 0; r < term.Rows; r++)
            {
                buffer.Up[upRow + term.RowOffset + r] = coefficient * term.Up[r * term.Rank + k];
            }
        }
    }
}
