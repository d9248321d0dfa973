using FluxOnnx.Latents;
using System.Diagnostics;
using FluxOnnx.Conditioning;
using FluxOnnx.Imaging;
using FluxOnnx.Lora;
using FluxOnnx.Pipeline;
using FluxOnnx.Runtime.Providers;
using FluxOnnx.Serving.Errors;
using FluxOnnx.Serving.Jobs;
using FluxOnnx.Serving.Queueing;

namespace FluxOnnx.Serving.Pipeline;

/// <summary>
/// The one place the service meets the runtime's pipeline API: opens a package as a warm <see cref="FluxPipeline"/>,
/// describes it as a <see cref="ServedModel"/>, and runs a <see cref="ModelBatch"/> as one
/// <see cref="FluxPipeline.Generate"/> call (one prompt and seed per image; per-image seeds keep every image equal to a
/// single run with its seed), reporting steps and previews back to the batch.
/// </summary>
internal sealed class PipelineGenerator : IDisposable
{
    private readonly FluxPipeline _pipeline;
    private readonly LoraFitMode _loraFit;

    private PipelineGenerator(FluxPipeline pipeline, string name, IReadOnlyList<ServedLora> loras, LoraFitMode loraFit)
    {
        _pipeline = pipeline;
        _loraFit = loraFit;
        var m = pipeline.Package.Manifest;
        Loras = ModelLoras.Load(name, LoraSlots.FromManifest(m, pipeline.Package.Root), loras);
        Model = new ServedModel(name, m.Variant, m.Precision, m.Defaults.Width, m.Defaults.Height, m.Defaults.Steps,
            pipeline.HasGuidanceInput, ExecutionProviderNames.Of(pipeline.Providers.Primary), DateTimeOffset.UtcNow,
            LatentPacking.Patch * m.Latent.Downsample)
        {
            LoraSlotRank = Loras.SlotRank,
            Loras = [.. Loras.Available],
        };
    }

    public ServedModel Model { get; }

    /// <summary>The registered LoRAs as this model's slots take them.</summary>
    public ModelLoras Loras { get; }

    public static PipelineGenerator Open(ServedPackage package, PipelineOptions options, IReadOnlyList<ServedLora> loras, LoraFitMode loraFit,
        CancellationToken cancellationToken)
    {
        var pipeline = FluxPipeline.Open(package.PackageFolder, options, cancellationToken: cancellationToken);
        try
        {
            return new PipelineGenerator(pipeline, package.ModelName, loras, loraFit);
        }
        catch
        {
            pipeline.Dispose();
            throw;
        }
    }

    /// <summary>Runs every job of <paramref name="batch"/> in one pipeline call; returns each job's images in job order.</summary>
    /// <exception cref="InvalidImageRequestException">The pipeline refused a member (a rule the validator does not repeat).</exception>
    /// <exception cref="OperationCanceledException">The batch's token fired.</exception>
    public ServedImage[][] Run(ModelBatch batch, CancellationToken cancellationToken)
    {
        var jobs = batch.Jobs;
        var first = jobs[0].Request;
        var request = jobs.Count == 1 ? Single(first) : Combined(jobs.Select(j => j.Request).ToArray());
        var observer = new BatchObserver(batch, _pipeline.Package.Manifest.Latent.Channels);
        IReadOnlyList<GeneratedImage> images;
        try
        {
            images = _pipeline.Generate(request, observer, observer, cancellationToken);
        }
        catch (InvalidGenerateRequestException e)
        {
            throw new InvalidImageRequestException(FieldOf(e.Field.Member), "invalid_request", e.Expected, e.Actual, e);
        }
        catch (LoraRankExceededException e)
        {
            throw new InvalidImageRequestException("lora", "lora_rank_exceeded", $"LoRAs of at most rank {e.SlotRank} per Linear",
                $"{string.Join(" + ", e.Adapters)} needing rank {e.RequiredRank} on {e.Module}", e);
        }
        catch (LoraSlotMismatchException e)
        {
            throw new InvalidImageRequestException("lora", "lora_incompatible", "a LoRA the model's slots can bind", $"\"{e.Adapter}\" ({e.Problem} on {e.Target})", e);
        }
        var result = new ServedImage[jobs.Count][];
        var offset = 0;
        for (var j = 0; j < jobs.Count; j++)
        {
            var r = jobs[j].Request;
            result[j] = new ServedImage[r.Seeds.Length];
            for (var i = 0; i < r.Seeds.Length; i++)
            {
                var image = images[offset + i];
                // The parameters describe the image within its own request, not the shared transformer batch: with
                // per-image seeds, a single run with the seed reproduces it.
                var own = image with { Parameters = image.Parameters with { BatchIndex = i, BatchSize = r.Seeds.Length, SharedGenerator = false } };
                result[j][i] = new ServedImage(GeneratedImageFile.Encode(own, r.Output), r.Output.Format, image.Seed,
                    image.Image.Width, image.Image.Height);
            }
            offset += r.Seeds.Length;
        }
        return result;
    }

    private GenerateRequest Single(PreparedRequest r)
    {
        var variant = Model.Variant;
        var image = r.Image is null ? null : ImageSource.FromPixels(r.Image);
        var control = r.Control is null ? null : ImageSource.FromPixels(r.Control);
        return new GenerateRequest
        {
            Prompts = [r.Prompt],
            Seeds = r.Seeds,
            Batch = r.Seeds.Length,
            Width = r.Width,
            Height = r.Height,
            Steps = r.Steps,
            Guidance = r.Guidance,
            Image = variant is Variant.Canny or Variant.Depth ? null : image,
            ControlFrom = variant == Variant.Canny && control is null ? image : null,
            Control = control,
            Mask = r.Mask is null ? null : ImageSource.FromPixels(r.Mask),
            Strength = r.Strength,
            Loras = r.Loras,
            LoraFit = _loraFit,
        };
    }

    private GenerateRequest Combined(PreparedRequest[] requests)
    {
        var key = requests[0].Key!.Value;
        return new GenerateRequest
        {
            Prompts = requests.SelectMany(r => Enumerable.Repeat(r.Prompt, r.Seeds.Length)).ToArray(),
            Seeds = requests.SelectMany(r => r.Seeds).ToArray(),
            Batch = requests.Sum(r => r.Seeds.Length),
            Width = key.Width,
            Height = key.Height,
            Steps = key.Steps,
            Guidance = key.Guidance,
            Loras = requests[0].Loras, // one BatchKey: the same LoRAs at the same strengths
            LoraFit = _loraFit,
        };
    }

    /// <summary>The OpenAI field of a <see cref="GenerateRequest"/> member.</summary>
    private static string FieldOf(string? member) => member switch
    {
        nameof(GenerateRequest.Width) or nameof(GenerateRequest.Height) => "size",
        nameof(GenerateRequest.Prompts) or nameof(GenerateRequest.Tokens) => "prompt",
        nameof(GenerateRequest.Batch) or nameof(GenerateRequest.Seeds) => "n",
        nameof(GenerateRequest.Control) or nameof(GenerateRequest.ControlFrom) or nameof(GenerateRequest.ControlKind) => "control",
        null => "request",
        _ => member.ToLowerInvariant(),
    };

    public void Dispose() => _pipeline.Dispose();

    /// <summary>Forwards the pipeline's step reports and latents to the batch (on the generating thread).</summary>
    private sealed class BatchObserver(ModelBatch batch, int latentChannels) : IPipelineObserver, IProgress<PipelineProgress>
    {
        private int _latentHeight;
        private int _latentWidth;
        private readonly Stopwatch _step = new();

        public void OnPrepared(in PreparedInputsView inputs)
        {
            _latentHeight = inputs.LatentHeight;
            _latentWidth = inputs.LatentWidth;
            _step.Restart();
        }

        public void OnStep(in DenoiseStepView step)
        {
            var offset = 0;
            foreach (var job in batch.Jobs)
            {
                if (job.Request.Preview && job.PendingCancel is null)
                {
                    batch.SetPreview(job, LatentPreview.Render(step.Latent, offset, _latentHeight, _latentWidth, latentChannels));
                }
                offset += job.ImageCount;
            }
        }

        public void Report(PipelineProgress value)
        {
            if (value.Stage == PipelineStage.Denoising)
            {
                batch.OnStep(value.Step, value.TotalSteps, _step.Elapsed);
                _step.Restart();
            }
        }
    }
}
