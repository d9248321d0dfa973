namespace FluxOnnx.Converter.Checkpoints;

/// <summary>A layer is quantized in a format the recipes cannot dequantize (only float8_e4m3fn / float8_e5m2 with a scale are supported).</summary>
public sealed class UnsupportedQuantizationException : CheckpointException
{
    public UnsupportedQuantizationException(string filePath, string layer, string format)
        : base(filePath, layer, $"quantization format '{format}' is not supported (supported: float8_e4m3fn, float8_e5m2)")
    {
        Layer = layer;
        Format = format;
    }

    public string Layer { get; }

    public string Format { get; }
}
