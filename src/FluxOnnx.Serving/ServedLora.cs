using FluxOnnx.Lora;

namespace FluxOnnx.Serving;

/// <summary>
/// A LoRA the operator registered for the service, under the <see cref="Name"/> requests select it by. Requests
/// never name files: the host reads them. <see cref="Read"/> maps the LoRA onto a package's run-time slots (at
/// strength 1; the request's strength is applied per job) — a host with the converter passes its LoRA reader. It is
/// called once per model with slots, when the service loads; a LoRA that does not fit a model (another model size,
/// keys without a slot) throws a <see cref="FluxOnnxException"/> there, and requests selecting it on that model are
/// refused with that reason.
/// </summary>
public sealed record ServedLora(string Name, Func<LoraSlots, LowRankAdapter> Read);
