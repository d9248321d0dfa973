namespace FluxOnnx.Bench.Measuring;

/// <summary>Cosine similarity of two equal-length float vectors, accumulated in double.</summary>
internal static class CosineSimilarity
{
    public static double Of(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            na += (double)a[i] * a[i];
            nb += (double)b[i] * b[i];
        }
        return dot / Math.Sqrt(na * nb);
    }
}
