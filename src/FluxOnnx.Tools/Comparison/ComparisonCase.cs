using FluxOnnx.Pipeline;

namespace FluxOnnx.Tools.Comparison;

/// <summary>One generation both packages run, with batch 1.</summary>
/// <param name="Index">0-based position in the comparison.</param>
/// <param name="Prompt">The prompt text (tokenized by each package's own tokenizers), or null when <paramref name="Tokens"/> is given.</param>
/// <param name="Tokens">Token ids from an inputs file, fed to both packages as they are; null for a prompt.</param>
/// <param name="Seed">Noise seed.</param>
public sealed record ComparisonCase(int Index, string? Prompt, PromptTokens? Tokens, ulong Seed);
