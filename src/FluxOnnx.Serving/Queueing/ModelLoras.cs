using System.Globalization;
using FluxOnnx.Lora;
using FluxOnnx.Serving.Errors;
using FluxOnnx.Serving.Jobs;

namespace FluxOnnx.Serving.Queueing;

/// <summary>
/// The registered LoRAs as one model's run-time slots take them: read once at load (<see cref="ServedLora.Read"/>),
/// or the reason they do not fit. Turns a request's <c>lora</c> selections into the adapters the pipeline binds,
/// refusing (field <c>lora</c>) an unknown name, a model without slots, a LoRA that does not fit the model, and more
/// total rank on a Linear than the slots hold unless the service folds it (<see cref="LoraFitMode.Svd"/>).
/// </summary>
internal sealed class ModelLoras
{
    private const string Field = "lora";

    private readonly string _model;
    private readonly LoraSlots? _slots;
    private readonly IReadOnlySet<string> _registered;
    private readonly Dictionary<string, LowRankAdapter> _adapters;
    private readonly Dictionary<string, string> _unfit;

    private ModelLoras(string model, LoraSlots? slots, IReadOnlySet<string> registered, Dictionary<string, LowRankAdapter> adapters, Dictionary<string, string> unfit)
    {
        _model = model;
        _slots = slots;
        _registered = registered;
        _adapters = adapters;
        _unfit = unfit;
    }

    /// <summary>The slot rank of the model's package; 0 without slots.</summary>
    public int SlotRank => _slots?.Rank ?? 0;

    /// <summary>Names of the registered LoRAs this model can bind.</summary>
    public IEnumerable<string> Available => _adapters.Keys.Order(StringComparer.Ordinal);

    public static ModelLoras Load(string model, LoraSlots? slots, IReadOnlyList<ServedLora> registered)
    {
        var adapters = new Dictionary<string, LowRankAdapter>(StringComparer.Ordinal);
        var unfit = new Dictionary<string, string>(StringComparer.Ordinal);
        if (slots is not null)
        {
            foreach (var lora in registered)
            {
                try
                {
                    adapters[lora.Name] = lora.Read(slots) with { Name = lora.Name, Strength = 1 };
                }
                catch (LoraException e)
                {
                    // Reason, not Message: the message names the server's file path, which clients never see.
                    unfit[lora.Name] = e.Reason;
                }
                catch (Exception e) when (e is FluxOnnxException or IOException or UnauthorizedAccessException)
                {
                    // An unreadable registered file spoils only this LoRA on this model, not the service's load.
                    unfit[lora.Name] = "the server could not read it (" + e.GetType().Name + ")";
                }
            }
        }
        return new ModelLoras(model, slots, registered.Select(l => l.Name).ToHashSet(StringComparer.Ordinal), adapters, unfit);
    }

    /// <summary>The adapters for <paramref name="selections"/> (null when there are none).</summary>
    /// <exception cref="InvalidImageRequestException">See the class remarks.</exception>
    public IReadOnlyList<LowRankAdapter>? Resolve(IReadOnlyList<LoraSelection>? selections, LoraFitMode fit)
    {
        if (selections is null || selections.Count == 0)
        {
            return null;
        }
        var adapters = new List<LowRankAdapter>();
        foreach (var s in selections)
        {
            if (string.IsNullOrEmpty(s.Name) || !_registered.Contains(s.Name))
            {
                throw new InvalidImageRequestException(Field, "lora_not_found",
                    _registered.Count == 0 ? "no LoRA (this server has none registered)" : "one of the registered LoRAs: " + string.Join(", ", _registered.Order(StringComparer.Ordinal)),
                    s.Name is null ? "no name" : "\"" + s.Name + "\"");
            }
            if (!double.IsFinite(s.Strength))
            {
                throw new InvalidImageRequestException(Field, "invalid_lora_strength", "a finite strength", F(s.Strength));
            }
            if (_slots is null)
            {
                throw new InvalidImageRequestException(Field, "lora_unsupported",
                    $"a model with run-time LoRA slots: model '{_model}' was converted without them", "\"" + s.Name + "\"");
            }
            if (_unfit.TryGetValue(s.Name, out var reason))
            {
                throw new InvalidImageRequestException(Field, "lora_incompatible", $"a LoRA that fits model '{_model}'", $"\"{s.Name}\" ({reason})");
            }
            adapters.Add(_adapters[s.Name] with { Strength = s.Strength });
        }
        if (fit == LoraFitMode.Refuse)
        {
            CheckRank(adapters);
        }
        return adapters;
    }

    /// <summary>
    /// What jobs must share to run in one batch: every selection in order (zero strengths too, so each image records
    /// its own list). Each name is length-prefixed, so no name can mimic a separator: the key is one-to-one.
    /// </summary>
    public static string Key(IReadOnlyList<LoraSelection>? selections) => selections is null
        ? ""
        : string.Concat(selections.Select(s => $"{(s.Name ?? "").Length}:{s.Name}@{F(s.Strength)};"));

    private void CheckRank(IReadOnlyList<LowRankAdapter> adapters)
    {
        var needed = adapters.Where(a => a.Strength != 0)
            .SelectMany(a => a.Terms.Select(t => (Adapter: a.Name, t.Target, t.Rank)))
            .GroupBy(t => t.Target, StringComparer.Ordinal);
        foreach (var module in needed)
        {
            var rank = module.Sum(t => t.Rank);
            if (rank > _slots!.Rank)
            {
                throw new InvalidImageRequestException(Field, "lora_rank_exceeded",
                    $"LoRAs of at most rank {_slots.Rank} per Linear (the slot rank of model '{_model}')",
                    $"{string.Join(" + ", module.Select(t => t.Adapter).Distinct())} needing rank {rank} on {module.Key}");
            }
        }
    }

    private static string F(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
