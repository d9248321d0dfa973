namespace FluxOnnx.Converter.Numerics;

/// <summary>The argument check every span conversion in this folder makes.</summary>
internal static class ConversionArguments
{
    /// <exception cref="ArgumentException">The destination is shorter than the source.</exception>
    public static void CheckLengths(int source, int destination)
    {
        if (destination < source)
        {
            throw new ArgumentException(
                $"Destination holds {destination} elements but the source has {source}.", "destination");
        }
    }
}
