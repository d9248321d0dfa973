using FluxOnnx.Converter.Tests.Formats;

namespace FluxOnnx.Converter.Tests.Lora;

/// <summary>
/// The independent side of the LoRA tests: a checkpoint's tensors as float32 with updates applied by plain loops
/// (double accumulation), W[rowOffset + r, c] += coefficient · Σ_k up[upRowStart + r, k] · down[k, c], then saved
/// as an fp32 BFL file that the converter turns into an ordinary (LoRA-free) package.
/// </summary>
internal sealed class ExpectedWeights
{
    private readonly Dictionary<string, (long[] Shape, float[] Data)> _tensors;

    private ExpectedWeights(Dictionary<string, (long[] Shape, float[] Data)> tensors) => _tensors = tensors;

    public static ExpectedWeights Load(string path) =>
        new(RawTensor.Load(path).ToDictionary(t => t.Name, t => (t.Shape, t.ToFloats()), StringComparer.Ordinal));

    public long[] Shape(string name) => _tensors[name].Shape;

    public float[] Data(string name) => _tensors[name].Data;

    public void AddLowRank(string weight, long rowOffset, float[] up, long upRowStart, long rows, int rank, float[] down, double coefficient)
    {
        var (shape, w) = _tensors[weight];
        var cols = shape[1];
        for (long r = 0; r < rows; r++)
        {
            for (long c = 0; c < cols; c++)
            {
                double sum = 0;
                for (var k = 0; k < rank; k++)
                {
                    sum += (double)up[(upRowStart + r) * rank + k] * down[k * cols + c];
                }
                w[(rowOffset + r) * cols + c] = (float)(w[(rowOffset + r) * cols + c] + coefficient * sum);
            }
        }
    }

    public void AddBias(string bias, long rowOffset, float[] upBias, long upRowStart, long rows, double coefficient)
    {
        var b = _tensors[bias].Data;
        for (long r = 0; r < rows; r++)
        {
            b[rowOffset + r] = (float)(b[rowOffset + r] + coefficient * upBias[upRowStart + r]);
        }
    }

    public void Replace(string name, long[] shape, float[] data) => _tensors[name] = (shape, data);

    public void Save(string path) => RawTensor.Save(path, _tensors.Select(kv => RawTensor.Floats(kv.Key, kv.Value.Shape, kv.Value.Data)));
}
