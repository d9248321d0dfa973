using FluxOnnx.Imaging;

namespace FluxOnnx.Tools.Comparison;

/// <summary>
/// Folds the per-case captures of package A (reference) and B into the report's tensor, step and image statistics.
/// Not thread-safe.
/// </summary>
internal sealed class CaseAccumulator
{
    private readonly ErrorAccumulator _t5 = new(ComparedTensors.T5States);
    private readonly ErrorAccumulator _clip = new(ComparedTensors.ClipPooled);
    private readonly ErrorAccumulator _first = new(ComparedTensors.TransformerFirstStep);
    private readonly ErrorAccumulator _all = new(ComparedTensors.TransformerAllSteps);
    private readonly ErrorAccumulator _latent = new(ComparedTensors.FinalLatent);
    private readonly ErrorAccumulator _decoded = new(ComparedTensors.VaeDecoded);
    private readonly List<ErrorAccumulator> _steps = [];
    private readonly List<CaseImageComparison> _images = [];
    private long _squaredError;
    private long _samples;

    public void Add(ComparisonCase c, CaseCapture a, CaseCapture b)
    {
        _t5.Add(a.Txt, b.Txt);
        _clip.Add(a.Vec, b.Vec);
        _first.Add(a.Predictions[0], b.Predictions[0]);
        for (var i = 0; i < a.Predictions.Count; i++)
        {
            if (_steps.Count <= i)
            {
                _steps.Add(new ErrorAccumulator(ComparedTensors.TransformerStep(i)));
            }
            _steps[i].Add(a.Predictions[i], b.Predictions[i]);
            _all.Add(a.Predictions[i], b.Predictions[i]);
        }
        _latent.Add(a.FinalLatent, b.FinalLatent);
        _decoded.Add(a.Decoded, b.Decoded);

        var squared = Psnr.SumSquaredError(a.Image.Pixels, b.Image.Pixels);
        _squaredError += squared;
        _samples += a.Image.Pixels.LongLength;
        _images.Add(new CaseImageComparison(c.Index, c.Prompt, c.Seed, Psnr.FromSquaredError(squared, a.Image.Pixels.LongLength),
            Ssim.Mean(a.Image, b.Image), MaxDifference(a.Image, b.Image)));
    }

    public IReadOnlyList<TensorErrors> Tensors() =>
        [_t5.Result(), _clip.Result(), _first.Result(), _all.Result(), _latent.Result(), _decoded.Result()];

    public IReadOnlyList<TensorErrors> Steps() => _steps.Select(s => s.Result()).ToArray();

    public ImageComparison Images()
    {
        var psnrs = _images.Where(i => i.PsnrDecibels is not null).Select(i => i.PsnrDecibels!.Value).ToArray();
        return new ImageComparison(
            Psnr.FromSquaredError(_squaredError, _samples),
            psnrs.Length == 0 ? null : psnrs.Min(),
            _images.Average(i => i.Ssim),
            _images.Min(i => i.Ssim),
            _images.Max(i => i.MaxPixelDifference),
            Ssim.WindowDescription,
            _images.ToArray());
    }

    private static int MaxDifference(PixelImage a, PixelImage b)
    {
        var max = 0;
        for (var i = 0; i < a.Pixels.Length; i++)
        {
            max = Math.Max(max, Math.Abs(a.Pixels[i] - b.Pixels[i]));
        }
        return max;
    }
}
