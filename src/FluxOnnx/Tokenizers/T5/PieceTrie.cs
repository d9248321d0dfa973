namespace FluxOnnx.Tokenizers.T5;

/// <summary>
/// A byte-level trie over sentencepiece pieces (UTF-8), walked one byte at a time like the darts-clone
/// <c>traverse</c> calls of google/sentencepiece <c>src/unigram_model.cc</c>. Nodes are integers; edges live in
/// one dictionary keyed by (node, byte), and <see cref="ValueAt"/> gives the piece id ending at a node or -1.
/// </summary>
internal sealed class PieceTrie
{
    /// <summary>The root node, where every walk starts.</summary>
    public const int Root = 0;

    private readonly Dictionary<long, int> _edges = new();
    private readonly List<int> _values = [-1];

    /// <summary>Number of pieces added.</summary>
    public int Count { get; private set; }

    /// <summary>Adds <paramref name="utf8"/> with id <paramref name="id"/>; an existing key keeps its first id.</summary>
    public void Add(ReadOnlySpan<byte> utf8, int id)
    {
        var node = Root;
        foreach (var b in utf8)
        {
            var key = ((long)node << 8) | b;
            if (!_edges.TryGetValue(key, out var child))
            {
                child = _values.Count;
                _values.Add(-1);
                _edges.Add(key, child);
            }
            node = child;
        }
        if (_values[node] < 0)
        {
            _values[node] = id;
            Count++;
        }
    }

    /// <summary>Follows the edge labelled <paramref name="b"/> from <paramref name="node"/>; false when there is none.</summary>
    public bool TryStep(int node, byte b, out int child) => _edges.TryGetValue(((long)node << 8) | b, out child);

    /// <summary>Id of the piece that ends exactly at <paramref name="node"/>, or -1.</summary>
    public int ValueAt(int node) => _values[node];

    /// <summary>Length of the longest piece that prefixes <paramref name="input"/>, or 0; its id in <paramref name="id"/>.</summary>
    public int LongestPrefix(ReadOnlySpan<byte> input, out int id)
    {
        id = -1;
        var longest = 0;
        var node = Root;
        for (var i = 0; i < input.Length && TryStep(node, input[i], out node); i++)
        {
            if (_values[node] >= 0)
            {
                longest = i + 1;
                id = _values[node];
            }
        }
        return longest;
    }
}
