namespace FluxOnnx.Tools.Comparison;

/// <summary>
/// The built-in prompt set of <c>flux compare --prompts N</c>: case i takes prompt i mod 8 and seed (first seed + i).
/// Fixed wording so that results of different runs and machines compare; the first two are the fixtures' prompts.
/// </summary>
public static class ComparisonPrompts
{
    public static IReadOnlyList<string> All { get; } =
    [
        "a dog on a beach",
        "A photograph of an astronaut riding a horse on the moon, highly detailed, 35mm film",
        "a bowl of ramen on a wooden table, steam rising, soft window light",
        "an oil painting of a lighthouse in a storm at night",
        "a red fox in fresh snow, close-up portrait",
        "isometric illustration of a tiny city block with shops and trees",
        "a neon sign that says FLUX above a rainy street",
        "macro photo of a dew drop on a green leaf",
    ];

    /// <summary>The first <paramref name="count"/> cases: prompt i mod 8, seed <paramref name="firstSeed"/> + i.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is less than 1.</exception>
    public static IReadOnlyList<ComparisonCase> Cases(int count, ulong firstSeed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return Enumerable.Range(0, count)
            .Select(i => new ComparisonCase(i, All[i % All.Count], null, firstSeed + (ulong)i))
            .ToArray();
    }
}
