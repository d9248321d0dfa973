namespace FluxOnnx.Packaging;

/// <summary>A LoRA file fused into a package's weights at conversion time.</summary>
/// <param name="Name">File name (not the full path, which would leak a machine path into the package).</param>
/// <param name="Bytes">File size.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the file.</param>
/// <param name="Strength">Strength it was fused with.</param>
/// <param name="Format">Detected LoRA format (kohya, diffusers, xlabs, bfl, bfl-control).</param>
/// <param name="SkippedKeys">Keys that matched nothing and were skipped because the request allowed it (else empty).</param>
public sealed record FusedLora(string Name, long Bytes, string Sha256, double Strength, string Format, IReadOnlyList<string> SkippedKeys);
