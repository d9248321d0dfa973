using FluxOnnx.Converter.Checkpoints;
using FluxOnnx.Converter.Safetensors;
using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Tensors;
using FluxOnnx.Lora;

namespace FluxOnnx.Converter.Lora;

/// <summary>
/// An opened LoRA file mapped onto a model: format detected from the keys, every key mapped by that format's recipe
/// onto the model's weights (<see cref="LoraTargets"/>), every shape checked, unmatched keys refused (or skipped and
/// listed in <see cref="SkippedKeys"/>). Tensors stay memory-mapped; <see cref="ReadTerm"/> reads one part's
/// factors when it is needed, so fusing holds one target's factors at a time.
/// </summary>
public sealed class LoraFile : IDisposable
{
    private readonly SafetensorsFile _file;

    private LoraFile(SafetensorsFile file, LoraFormat format, IReadOnlyList<LoraPart> parts, IReadOnlyList<LoraFullTensor> full, IReadOnlyList<string> skipped)
    {
        _file = file;
        Format = format;
        Parts = parts;
        FullTensors = full;
        SkippedKeys = skipped;
    }

    public string FilePath => _file.FilePath;

    public LoraFormat Format { get; }

    /// <summary>The low-rank pairs, as mapped onto the model.</summary>
    public IReadOnlyList<LoraPart> Parts { get; }

    /// <summary>Whole tensors replacing model weights (BFL control LoRAs).</summary>
    public IReadOnlyList<LoraFullTensor> FullTensors { get; }

    /// <summary>Keys that matched nothing and were skipped (only with <c>allowUnused</c>; otherwise they are refused).</summary>
    public IReadOnlyList<string> SkippedKeys { get; }

    /// <summary>
    /// Opens <paramref name="path"/>, detects its format and maps it onto <paramref name="targets"/>.
    /// </summary>
    /// <param name="path">The LoRA <c>.safetensors</c> file.</param>
    /// <param name="targets">The model's tensors.</param>
    /// <param name="allowUnused">Skip unmatched keys (listed in <see cref="SkippedKeys"/>) instead of refusing them.</param>
    /// <param name="field">Request field naming the file (for errors), e.g. <c>Loras</c>.</param>
    /// <param name="allowField">Request field that allows unmatched keys (for errors), e.g. <c>LoraAllowUnused</c>.</param>
    /// <exception cref="LoraFileException">Unreadable, truncated or not a known LoRA layout.</exception>
    /// <exception cref="LoraShapeException">A tensor does not fit the weight it maps onto.</exception>
    /// <exception cref="LoraUnusedKeysException">Keys match nothing and <paramref name="allowUnused"/> is false.</exception>
    public static LoraFile Open(string path, LoraTargets targets, bool allowUnused, string field = "Loras", string allowField = "LoraAllowUnused")
    {
        ArgumentNullException.ThrowIfNull(targets);
        var full = Path.GetFullPath(path);
        SafetensorsFile file;
        try
        {
            file = SafetensorsFile.Open(full);
        }
        catch (Exception e) when (e is SafetensorsFormatException or SafetensorsAccessException or IOException or UnauthorizedAccessException)
        {
            throw new LoraFileException(full, field, "not a readable safetensors file (" + e.Message + ")", e);
        }
        try
        {
            var keys = file.Tensors.Select(t => t.Name).ToList();
            var format = LoraFormatDetector.Detect(keys)
                ?? throw new LoraFileException(full, field, $"no known LoRA key layout (kohya, diffusers/PEFT, XLabs, BFL/ComfyUI, BFL control) fits keys like {string.Join(", ", keys.Order(StringComparer.Ordinal).Take(5))}");
            var builder = new LoraMappingBuilder(keys, targets, k => [.. file.GetInfo(k).Shape]);
            switch (format)
            {
                case LoraFormat.Kohya: KohyaLoraFormat.Map(builder, keys); break;
                case LoraFormat.Diffusers: DiffusersLoraFormat.Map(builder, keys); break;
                case LoraFormat.XLabs: XLabsLoraFormat.Map(builder, keys); break;
                case LoraFormat.Bfl: BflLoraFormat.Map(builder, keys); break;
                case LoraFormat.BflControl: BflControlLoraFormat.Map(builder, keys); break;
            }
            var unmatched = builder.Unmatched;
            if (unmatched.Count > 0 && !allowUnused)
            {
                throw new LoraUnusedKeysException(full, unmatched, allowField);
            }
            var lora = new LoraFile(file, format, builder.Parts, builder.FullTensors, unmatched);
            lora.CheckShapes(builder);
            return lora;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Reads one part's factors as a <see cref="LowRankTerm"/> (scale alpha / rank, or 1 without alpha).</summary>
    public LowRankTerm ReadTerm(LoraPart part)
    {
        ArgumentNullException.ThrowIfNull(part);
        var downShape = _file.GetInfo(part.DownKey).Shape;
        int rank = checked((int)downShape[0]);
        long inFeatures = downShape[1];
        var down = new float[rank * inFeatures];
        _file.ReadAsFloat32(part.DownKey, down);
        var up = new float[part.Rows * rank];
        _file.ReadAsFloat32(part.UpKey, part.UpRowStart * rank, up);
        float scale = 1f;
        if (part.AlphaKey is not null)
        {
            Span<float> alpha = stackalloc float[1];
            _file.ReadAsFloat32(part.AlphaKey, alpha);
            scale = alpha[0] / rank;
        }
        float[]? bias = null;
        if (part.UpBiasKey is not null)
        {
            bias = new float[part.Rows];
            _file.ReadAsFloat32(part.UpBiasKey, part.UpRowStart, bias);
        }
        return new LowRankTerm(part.Component, part.Target, part.OutFeatures, inFeatures, part.RowOffset, rank, up, down, scale, bias);
    }

    /// <summary>A full tensor of the file as a lazy source in <paramref name="elementType"/> (float32, float16 or bfloat16).</summary>
    public ITensorSource OpenFull(LoraFullTensor tensor, ElementType elementType) => new ConvertingTensorSource(_file, tensor.Key, elementType);

    /// <summary>Stored shape of a key.</summary>
    public long[] ShapeOf(string key) => [.. _file.GetInfo(key).Shape];

    public void Dispose() => _file.Dispose();

    private void CheckShapes(LoraMappingBuilder b)
    {
        foreach (var full in FullTensors)
        {
            var expected = b.Targets.Tensor(full.Component, full.Target)!;
            var actual = ShapeOf(full.Key);
            // BFL control LoRAs widen img_in's input columns (latent + control channels); everything else keeps its shape.
            bool widened = full.Target == "img_in.weight" && actual.Length == 2 && actual[0] == expected[0];
            if (!widened && !actual.SequenceEqual(expected))
            {
                throw new LoraShapeException(FilePath, full.Key, full.Target, expected, actual);
            }
        }
        foreach (var part in Parts)
        {
            var target = part.Target + ".weight";
            var inFeatures = FullTensors.FirstOrDefault(f => f.Component == part.Component && f.Target == target) is { } replaced
                ? ShapeOf(replaced.Key)[1]
                : b.Targets.Linear(part.Component, part.Target)!.Value.In;
            var down = ShapeOf(part.DownKey);
            long rank = down.Length == 2 ? down[0] : 0;
            if (down.Length != 2 || down[1] != inFeatures || rank == 0)
            {
                throw new LoraShapeException(FilePath, part.DownKey, target, [rank == 0 ? 1 : rank, inFeatures], down);
            }
            var up = ShapeOf(part.UpKey);
            if (!up.SequenceEqual(new[] { part.UpRows, rank }))
            {
                throw new LoraShapeException(FilePath, part.UpKey, target, [part.UpRows, rank], up);
            }
            if (part.AlphaKey is not null && ShapeOf(part.AlphaKey).Aggregate(1L, (a, d) => a * d) != 1)
            {
                throw new LoraShapeException(FilePath, part.AlphaKey, target, [], ShapeOf(part.AlphaKey));
            }
            if (part.UpBiasKey is not null && !ShapeOf(part.UpBiasKey).SequenceEqual(new[] { part.UpRows }))
            {
                throw new LoraShapeException(FilePath, part.UpBiasKey, part.Target + ".bias", [part.UpRows], ShapeOf(part.UpBiasKey));
            }
        }
    }
}
