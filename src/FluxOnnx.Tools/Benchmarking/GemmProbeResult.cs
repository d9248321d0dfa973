namespace FluxOnnx.Tools.Benchmarking;

/// <summary>What <see cref="GemmProbe"/> measured: one fp32 MatMul [M, K] · [K, N] through ORT.</summary>
/// <param name="M">Rows of the left operand.</param>
/// <param name="K">Shared dimension.</param>
/// <param name="N">Columns of the right operand.</param>
/// <param name="Runs">Timed runs after one warm-up run.</param>
/// <param name="BestMs">Fastest run.</param>
/// <param name="MedianMs">Median run.</param>
/// <param name="Gflops">2·M·K·N / best time, in GFLOP/s: the achievable peak the transformer steps are compared with.</param>
public sealed record GemmProbeResult(int M, int K, int N, int Runs, double BestMs, double MedianMs, double Gflops);
