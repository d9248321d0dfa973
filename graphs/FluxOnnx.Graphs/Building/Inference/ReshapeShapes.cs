namespace FluxOnnx.Graphs.Building;

/// <summary>Shape rule of Reshape with a constant target (allowzero = 0).</summary>
internal static class ReshapeShapes
{
    /// <summary>
    /// Resolves <paramref name="target"/> against <paramref name="input"/>: 0 copies the input dim at that
    /// position, -1 takes what is left. The -1 dim is solved by cancelling factors: fixed sizes divide, symbolic
    /// names (and the factors of <c>"a*b"</c> products) cancel by name, so [batch, img_tokens, 3072] →
    /// [0, -1, 24, 128] gives [batch, img_tokens, 24, 128]; when a factor cannot cancel, the dim is unknown.
    /// Throws <see cref="ShapeMismatchException"/> when fixed element counts disagree.
    /// </summary>
    public static Shape Infer(string nodeName, Shape input, IReadOnlyList<long> target)
    {
        if (target.Count(t => t == -1) > 1)
        {
            throw new ArgumentException("A reshape target may hold at most one -1.", nameof(target));
        }

        var dims = new Dim[target.Count];
        int inferAt = -1;
        for (int i = 0; i < target.Count; i++)
        {
            dims[i] = target[i] switch
            {
                -1 => Dim.Unknown,
                0 when input.IsRanked && i < input.Rank => input[i],
                0 => Dim.Unknown,
                < -1 => throw new ArgumentException($"Invalid reshape size {target[i]}.", nameof(target)),
                var n => Dim.Fixed(n),
            };
            if (target[i] == -1) inferAt = i;
        }

        if (!input.IsRanked) return new Shape(dims);

        var (inFixed, inSymbols, inKnown) = Factor(input);
        var (outFixed, outSymbols, outKnown) = Factor(dims.Where((_, i) => i != inferAt));
        if (inferAt < 0)
        {
            if (input.IsFullyFixed && dims.All(d => d.IsFixed) && inFixed != outFixed)
            {
                throw new ShapeMismatchException(nodeName, input, new Shape(dims), "reshape changes the element count");
            }
            return new Shape(dims);
        }

        if (!inKnown || !outKnown) return new Shape(dims);
        foreach (var s in outSymbols)
        {
            if (!inSymbols.Remove(s)) return new Shape(dims);
        }
        if (outFixed == 0 || inFixed % outFixed != 0)
        {
            if (inSymbols.Count == 0)
            {
                throw new ShapeMismatchException(nodeName, input, new Shape(dims),
                    $"{inFixed} elements do not divide into blocks of {outFixed}");
            }
            return new Shape(dims);
        }

        Dim solved = inFixed / outFixed;
        foreach (var s in inSymbols) solved *= Dim.Symbolic(s);
        dims[inferAt] = solved;
        return new Shape(dims);
    }

    /// <summary>Splits dims into a fixed product and a multiset of symbol names; Known is false on an unknown dim.</summary>
    private static (long Fixed, List<string> Symbols, bool Known) Factor(IEnumerable<Dim> dims)
    {
        long product = 1;
        var symbols = new List<string>();
        foreach (var d in dims)
        {
            if (d.Size is { } n) product *= n;
            else if (d.Symbol is { } s)
            {
                // "a*b" from an earlier merge splits back into its factors; sums stay whole.
                if (s.Contains('+') || s.Contains('(')) symbols.Add(s);
                else
                {
                    foreach (var part in s.Split('*'))
                    {
                        if (long.TryParse(part, out long k)) product *= k;
                        else symbols.Add(part);
                    }
                }
            }
            else return (0, symbols, false);
        }
        return (product, symbols, true);
    }
}
