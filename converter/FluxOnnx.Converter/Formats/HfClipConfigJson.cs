using FluxOnnx.Graphs.Models.Clip;

namespace FluxOnnx.Converter.Formats;

/// <summary>An HF CLIP text model folder's <c>config.json</c> as a <see cref="ClipTextConfig"/>.</summary>
public static class HfClipConfigJson
{
    /// <summary>
    /// Reads an HF <c>config.json</c> of a <c>CLIPTextModel</c> (keys at the top) or a full <c>CLIPModel</c> (keys
    /// under <c>text_config</c>); absent keys take <c>CLIPTextConfig</c>'s defaults. eos_token_id 2 is the legacy
    /// value of the original OpenAI configs, which transformers handles by pooling at the argmax of the ids; it is
    /// read as the largest id, which is the same position.
    /// </summary>
    public static ClipTextConfig Read(string path)
    {
        var file = HfConfigJson.Load(path);
        var json = file.Section("text_config") ?? file;
        string act = json.String("hidden_act", "quick_gelu");
        var activation = act switch
        {
            "quick_gelu" => ClipActivation.QuickGelu,
            "gelu" => ClipActivation.Gelu,
            _ => throw json.Unsupported("hidden_act", act, "\"quick_gelu\" or \"gelu\""),
        };
        // Defaults from transformers configuration_clip.py CLIPTextConfig.__init__.
        int vocabSize = json.Int("vocab_size", 49408);
        int eos = json.Int("eos_token_id", 49407);
        if (eos == 2) eos = vocabSize - 1; // legacy: transformers pools at argmax(input_ids) when eos_token_id == 2
        if (eos != vocabSize - 1)
        {
            throw json.Unsupported("eos_token_id", eos, $"{vocabSize - 1} (the largest id) or the legacy 2");
        }
        return json.Validated(new ClipTextConfig
        {
            VocabSize = vocabSize,
            HiddenSize = json.Int("hidden_size", 512),
            IntermediateSize = json.Int("intermediate_size", 2048),
            NumAttentionHeads = json.Int("num_attention_heads", 8),
            NumHiddenLayers = json.Int("num_hidden_layers", 12),
            MaxPositionEmbeddings = json.Int("max_position_embeddings", 77),
            LayerNormEps = json.Float("layer_norm_eps", 1e-5f),
            HiddenAct = activation,
            EosTokenId = eos,
        }.Validate);
    }
}
