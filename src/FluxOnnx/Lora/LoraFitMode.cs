namespace FluxOnnx.Lora;

/// <summary>What a request does when its LoRAs need more rank on a Linear than the package's run-time slots hold.</summary>
public enum LoraFitMode
{
    /// <summary>Refuse the request (<see cref="LoraRankExceededException"/>); the default.</summary>
    Refuse,

    /// <summary>Fold the over-rank Linears to the slot rank by truncated SVD (<see cref="LoraRankFit"/>), reporting the energy kept.</summary>
    Svd,
}
