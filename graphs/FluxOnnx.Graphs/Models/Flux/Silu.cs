using FluxOnnx.Graphs.Building;

namespace FluxOnnx.Graphs.Models.Flux;

/// <summary><c>nn.SiLU</c>: x·sigmoid(x) (ONNX has no SiLU op; ORT fuses this pair on its own).</summary>
public static class Silu
{
    public static Value Apply(GraphBuilder g, Value x) => g.Mul(x, g.Sigmoid(x));
}
