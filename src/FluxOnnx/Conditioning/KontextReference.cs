namespace FluxOnnx.Conditioning;

/// <summary>
/// Size of a FLUX.1 Kontext reference image (black-forest-labs/flux <c>src/flux/sampling.py</c>
/// <c>prepare_kontext</c>): the entry of <see cref="PreferredResolutions"/> whose aspect ratio is nearest the
/// reference's, rounded down to a multiple of the package's pixel multiple (2 × the autoencoder's downsample: 16 for
/// FLUX.1, whose latent size is <c>2·int(px/16)</c>); the reference is then Lanczos-resized to it. With <c>keepSize</c>
/// the reference's own size is used instead, rounded the same way.
/// </summary>
public static class KontextReference
{
    /// <summary>
    /// (width, height) pairs Kontext was trained on, from flux <c>src/flux/util.py</c>
    /// <c>PREFERED_KONTEXT_RESOLUTIONS</c> (spelling theirs), in that order.
    /// </summary>
    public static IReadOnlyList<(int Width, int Height)> PreferredResolutions { get; } =
    [
        (672, 1568), (688, 1504), (720, 1456), (752, 1392), (800, 1328), (832, 1248), (880, 1184), (944, 1104),
        (1024, 1024),
        (1104, 944), (1184, 880), (1248, 832), (1328, 800), (1392, 752), (1456, 720), (1504, 688), (1568, 672),
    ];

    /// <summary>
    /// The pixel size the reference is resized to. BFL: <c>min((abs(ar − w/h), w, h) for w, h in list)</c> with
    /// <c>ar = width / height</c> in doubles (ties go to the smaller width, then height), then
    /// <c>m·int(px/m)</c> with m = <paramref name="pixelMultiple"/>, the multiple every image side must be (2 × the
    /// manifest's LatentSpace.Downsample: 16 for FLUX.1). Returns (0, 0) sides when <paramref name="keepSize"/> and a
    /// side is under m pixels.
    /// </summary>
    public static (int Width, int Height) Size(int width, int height, bool keepSize, int pixelMultiple)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pixelMultiple);
        var m = pixelMultiple;
        if (keepSize)
        {
            return (m * (width / m), m * (height / m));
        }
        var aspect = (double)width / height;
        var best = PreferredResolutions[0];
        var bestDistance = double.PositiveInfinity;
        foreach (var r in PreferredResolutions)
        {
            var distance = Math.Abs(aspect - (double)r.Width / r.Height);
            if (distance < bestDistance || (distance == bestDistance && (r.Width, r.Height).CompareTo(best) < 0))
            {
                best = r;
                bestDistance = distance;
            }
        }
        return (m * (best.Width / m), m * (best.Height / m));
    }
}
