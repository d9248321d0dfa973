using FluxOnnx.Runtime.Providers;

namespace FluxOnnx.Tools.Debugging;

/// <summary>What <see cref="ComponentRunner"/> did: the provider it ran on and each output written.</summary>
public sealed record ComponentRunResult(ExecutionProviderKind Provider, IReadOnlyList<ComponentRunOutput> Outputs, TimeSpan RunTime);

/// <summary>One output tensor written by <see cref="ComponentRunner"/>.</summary>
public sealed record ComponentRunOutput(string Name, string DType, IReadOnlyList<long> Shape);
