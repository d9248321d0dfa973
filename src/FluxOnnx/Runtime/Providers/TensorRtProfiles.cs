using FluxOnnx.Packaging;

namespace FluxOnnx.Runtime.Providers;

/// <summary>
/// Derives TensorRT optimization profiles for one package component from its manifest signature: every symbolic axis
/// the converter writes is given a (min, opt, max) value from a <see cref="TensorRtShapeRange"/>; fixed axes keep
/// their value. Inputs with no symbolic axis get no profile entry.
/// </summary>
/// <remarks>
/// Symbolic axes (graphs' I/O tables): <c>batch</c>; <c>img_tokens</c> = (H/(2d))·(W/(2d)) for the manifest's downsample d (H/16·W/16 for FLUX.1), twice that for Kontext (target
/// plus reference tokens); <c>txt_tokens</c> = the package's T5 length; <c>height</c>/<c>width</c> in pixels;
/// <c>latent_height</c>/<c>latent_width</c> = pixels / the manifest's latent downscale.
/// </remarks>
public static class TensorRtProfiles
{
    /// <exception cref="UnknownProfileAxisException">An input has a symbolic axis this table does not know.</exception>
    public static IReadOnlyList<TensorRtProfile> ForComponent(PackageManifest manifest, string role, TensorRtShapeRange range)
    {
        var component = manifest.Components[role];
        var downscale = manifest.Latent.Downsample;
        var tokenFactor = manifest.Variant == Variant.Kontext ? 2 : 1;
        long Axis(string name, int which) // which: 0 min, 1 opt, 2 max
        {
            var (w, h, b) = which switch
            {
                0 => (range.MinWidth, range.MinHeight, range.MinBatch),
                1 => (range.OptWidth, range.OptHeight, range.OptBatch),
                _ => (range.MaxWidth, range.MaxHeight, range.MaxBatch),
            };
            var patch = downscale * 2;
            return name switch
            {
                "batch" => b,
                "img_tokens" => (long)(h / patch) * (w / patch) * (which == 0 ? 1 : tokenFactor),
                "txt_tokens" => manifest.Text.T5,
                "height" => h,
                "width" => w,
                "latent_height" => h / downscale,
                "latent_width" => w / downscale,
                _ => throw new UnknownProfileAxisException(role, name),
            };
        }
        var profiles = new List<TensorRtProfile>();
        foreach (var input in component.Inputs)
        {
            if (input.Shape.All(d => long.TryParse(d, out _)))
            {
                continue;
            }
            long[] Shape(int which) => input.Shape.Select(d => long.TryParse(d, out var v) ? v : Axis(d, which)).ToArray();
            profiles.Add(new TensorRtProfile(input.Name, Shape(0), Shape(1), Shape(2)));
        }
        return profiles;
    }
}
