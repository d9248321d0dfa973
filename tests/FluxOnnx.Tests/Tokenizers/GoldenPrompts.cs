using System.Text.Json;
using FluxOnnx.TestSupport;
using Xunit;

namespace FluxOnnx.Tests.Tokenizers;

/// <summary>
/// The golden tokenizer ids in <c>shared/fixtures/tokenizer_ids/prompts_public.json</c> (produced by openai's
/// SimpleTokenizer and sentencepiece 0.1.97; see the file's "producer", "rules" and "caveats").
/// </summary>
internal static class GoldenPrompts
{
    private static readonly Lazy<Dictionary<string, JsonElement>> Prompts = new(Load);

    public static string FilePath => Path.Combine(SharedPaths.Fixtures, "tokenizer_ids", "prompts_public.json");

    /// <summary>Prompt ids, for [MemberData].</summary>
    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var id in Prompts.Value.Keys)
        {
            data.Add(id);
        }
        return data;
    }

    /// <summary>(prompt id, T5 length) for every <c>t5_input_ids_N</c> key present, for [MemberData].</summary>
    public static TheoryData<string, int> IdsWithT5Lengths()
    {
        var data = new TheoryData<string, int>();
        foreach (var (id, prompt) in Prompts.Value)
        {
            foreach (var property in prompt.EnumerateObject())
            {
                if (property.Name.StartsWith("t5_input_ids_", StringComparison.Ordinal))
                {
                    data.Add(id, int.Parse(property.Name["t5_input_ids_".Length..]));
                }
            }
        }
        return data;
    }

    public static string Text(string id) => Prompts.Value[id].GetProperty("text").GetString()!;

    public static long[] ClipIds(string id) => Longs(Prompts.Value[id].GetProperty("clip_input_ids"));

    public static long[] T5Ids(string id, int length) => Longs(Prompts.Value[id].GetProperty($"t5_input_ids_{length}"));

    public static int ClipUntruncatedCount(string id) => Prompts.Value[id].GetProperty("clip_bpe_tokens_untruncated").GetInt32();

    public static int T5UntruncatedCount(string id) => Prompts.Value[id].GetProperty("t5_sentencepiece_tokens_untruncated").GetInt32();

    private static long[] Longs(JsonElement array) => array.EnumerateArray().Select(e => e.GetInt64()).ToArray();

    private static Dictionary<string, JsonElement> Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(FilePath));
        var prompts = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var prompt in document.RootElement.GetProperty("prompts").EnumerateArray())
        {
            prompts.Add(prompt.GetProperty("id").GetString()!, prompt.Clone());
        }
        return prompts;
    }
}
