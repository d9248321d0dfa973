using FluxOnnx.Tools.Debugging;
using FluxOnnx.Converter.Safetensors;
using FluxOnnx.Converter.Numerics;
using FluxOnnx.Packaging;
using FluxOnnx.Pipeline;

namespace FluxOnnx.Tools.Comparison;

/// <summary>
/// Reads the cases of <c>flux compare --inputs FILE</c>: a safetensors file holding
/// <list type="bullet">
/// <item><c>clip_input_ids</c>: I64 (or I32) [B, 77] — CLIP ids, begin/end framed and padded;</item>
/// <item><c>t5_input_ids</c>: I64 (or I32) [B, L] — T5 ids, L equal to the packages' T5 length (manifest <c>text.t5</c>).</item>
/// </list>
/// Row b becomes case b with seed (first seed + b). Every other tensor is ignored, so a golden case's
/// <c>cases/*/tensors.safetensors</c> (which also holds noise, txt, vec, ...) is accepted as it is; size, steps and
/// the first seed come from the request, not from the file.
/// </summary>
public static class ComparisonInputsFile
{
    public const string ClipIds = "clip_input_ids";
    public const string T5Ids = "t5_input_ids";

    /// <exception cref="ComponentInputException">A tensor is missing, of another dtype or shape, or the batch sizes differ.</exception>
    /// <exception cref="SafetensorsFormatException">The file is not safetensors.</exception>
    public static IReadOnlyList<ComparisonCase> Read(string path, TextLengths lengths, ulong firstSeed)
    {
        using var file = SafetensorsFile.Open(path);
        var clip = ReadIds(file, ClipIds, lengths.Clip);
        var t5 = ReadIds(file, T5Ids, lengths.T5);
        if (clip.Length != t5.Length)
        {
            throw new ComponentInputException(path, T5Ids, "batch differs from " + ClipIds,
                $"{clip.Length} rows", $"{t5.Length} rows");
        }
        return Enumerable.Range(0, clip.Length)
            .Select(b => new ComparisonCase(b, null, new PromptTokens(clip[b], t5[b]), firstSeed + (ulong)b))
            .ToArray();
    }

    private static long[][] ReadIds(SafetensorsFile file, string name, int length)
    {
        if (!file.TryGetInfo(name, out var info))
        {
            throw new ComponentInputException(file.FilePath, name, "missing from the inputs file",
                $"an I64 tensor [B, {length}]", string.Join(", ", file.Tensors.Select(t => t.Name)));
        }
        if (info.Shape.Length != 2 || info.Shape[0] < 1 || info.Shape[1] != length)
        {
            throw new ComponentInputException(file.FilePath, name, "shape does not fit the packages' text length",
                $"[B, {length}]", info.ShapeText);
        }
        if (info.DType is not (ElementType.Int64 or ElementType.Int32))
        {
            throw new ComponentInputException(file.FilePath, name, "token ids must be integers", "I64 or I32", info.DType.SafetensorsName());
        }
        var bytes = file.GetBytes(name);
        var rows = new long[info.Shape[0]][];
        for (var b = 0; b < rows.Length; b++)
        {
            rows[b] = new long[length];
            for (var i = 0; i < length; i++)
            {
                var k = b * length + i;
                rows[b][i] = info.DType == ElementType.Int64 ? BitConverter.ToInt64(bytes.Slice(k * 8, 8)) : BitConverter.ToInt32(bytes.Slice(k * 4, 4));
            }
        }
        return rows;
    }
}
