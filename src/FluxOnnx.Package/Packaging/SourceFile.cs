namespace FluxOnnx.Packaging;

/// <summary>A checkpoint file a package was converted from.</summary>
/// <param name="Role">What it provided: transformer, t5, clip, ae, or a tokenizer.</param>
/// <param name="Name">File name (not the user's full path, which would leak a machine path into the package).</param>
/// <param name="Bytes">File size.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the file.</param>
/// <param name="Format">Detected checkpoint format (bfl, diffusers, comfyui, comfyui-fp8-scaled, hf).</param>
public sealed record SourceFile(string Role, string Name, long Bytes, string Sha256, string Format);
