namespace FluxOnnx.Tools.Profiling;

/// <summary>One kernel execution from an ONNX Runtime profile: a <c>"cat": "Node"</c> event of the JSON trace.</summary>
/// <param name="Node">The node name as ORT ran it (the graph's scope path, or the name an ORT fusion gave it, e.g.
/// <c>.../lin/MatMul/MatMulAddFusion</c>), without ORT's <c>_kernel_time</c> suffix.</param>
/// <param name="OpType">The kernel's op type (<c>args.op_name</c>), e.g. <c>FusedMatMul</c>, <c>MultiHeadAttention</c>.</param>
/// <param name="Provider">The execution provider that ran it (<c>args.provider</c>), or empty.</param>
/// <param name="StartMicroseconds">Start, microseconds since the profiler started (<c>ts</c>).</param>
/// <param name="DurationMicroseconds">Kernel time in microseconds (<c>dur</c>).</param>
/// <param name="InputShapes">Shapes of the inputs (<c>args.input_type_shape</c>), in input order; empty when absent.</param>
/// <param name="OutputShapes">Shapes of the outputs (<c>args.output_type_shape</c>); empty when absent.</param>
/// <param name="ArenaInUsePeakBytes">The CPU arena's peak bytes in use so far (<c>args.mem_in_use_peak</c>; ORT 1.32
/// writes it), or null.</param>
/// <param name="ArenaHeldBytes">Bytes the CPU arena holds from the system at this kernel (<c>args.mem_arena_held</c>), or null.</param>
public sealed record OrtNodeTiming(string Node, string OpType, string Provider, long StartMicroseconds, long DurationMicroseconds,
    IReadOnlyList<IReadOnlyList<long>> InputShapes, IReadOnlyList<IReadOnlyList<long>> OutputShapes,
    long? ArenaInUsePeakBytes = null, long? ArenaHeldBytes = null)
{
    /// <summary>
    /// The multiply-add FLOPs of a Linear kernel (MatMul, FusedMatMul, Gemm, MatMulNBits, MatMulInteger,
    /// MatMulIntegerToFloat, DynamicQuantizeMatMul): 2 · (elements of the first input) · (last dim of the output), or
    /// null for any other op or when the shapes are not in the trace.
    /// </summary>
    public double? LinearFlops()
    {
        if (OpType is not ("MatMul" or "FusedMatMul" or "Gemm" or "MatMulNBits" or "MatMulInteger" or "MatMulIntegerToFloat" or "DynamicQuantizeMatMul")
            || InputShapes.Count == 0 || OutputShapes.Count == 0 || OutputShapes[0].Count == 0)
        {
            return null;
        }
        double a = InputShapes[0].Aggregate(1.0, (n, d) => n * d);
        return 2.0 * a * OutputShapes[0][^1];
    }
}
