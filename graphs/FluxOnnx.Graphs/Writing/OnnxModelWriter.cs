using System.Globalization;
using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Onnx;
using FluxOnnx.Graphs.Tensors;
using Google.Protobuf;

namespace FluxOnnx.Graphs.Writing;

/// <summary>
/// Writes a <see cref="BuiltModel"/> as <c>model.onnx</c> plus one external data file, streaming initializers
/// one at a time from their <see cref="ITensorSource"/>s.
/// </summary>
/// <remarks>
/// <para>Layout: initializers go in graph order; each tensor of at least
/// <see cref="ModelWriteOptions.InlineThreshold"/> bytes is appended to the data file at an aligned offset (see
/// <see cref="ModelWriteOptions"/>) and its TensorProto gets <c>data_location = EXTERNAL</c> with
/// <c>external_data</c> entries <c>location</c> (the data file's name, relative to the model), <c>offset</c> and
/// <c>length</c>; padding bytes are zero. Smaller tensors are stored inline as <c>raw_data</c>.</para>
/// <para>Memory: one source is active at a time and its bytes go straight to the file, so peak memory is the
/// graph proto plus the inline tensors, independent of total weight size.</para>
/// <para>Atomicity: both files are written under temporary names in the target folder and renamed into place
/// (data file first, model last) only after everything succeeded. On any failure, including cancellation,
/// the temporary files are deleted and the exception propagates; existing files at the target paths are
/// replaced only on success.</para>
/// </remarks>
public sealed class OnnxModelWriter(ModelWriteOptions? options = null)
{
    private static readonly byte[] Zeros = new byte[4096];

    public ModelWriteOptions Options { get; } = options ?? new ModelWriteOptions();

    /// <summary>
    /// Writes <paramref name="model"/> to <paramref name="modelPath"/> (and its data file beside it). Calls each
    /// source's <see cref="ITensorSource.WriteTo"/> exactly once. Throws <see cref="TensorSourceLengthException"/>
    /// when a source writes the wrong number of bytes and <see cref="OperationCanceledException"/> when
    /// <paramref name="cancellationToken"/> fires; either way no file is left behind.
    /// </summary>
    public ModelWriteResult Write(
        BuiltModel model,
        string modelPath,
        IProgress<ModelWriteProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        modelPath = Path.GetFullPath(modelPath);
        string folder = Path.GetDirectoryName(modelPath)!;
        string dataName = Options.DataFileName ?? Path.GetFileName(modelPath) + ".data";
        string dataPath = Path.Combine(folder, dataName);
        string suffix = ".tmp-" + Guid.NewGuid().ToString("N");
        string modelTemp = modelPath + suffix, dataTemp = dataPath + suffix;

        try
        {
            var proto = model.Proto.Clone();
            var (inline, external, externalBytes) = WriteData(model, proto, dataName, dataTemp, progress, cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            using (var file = new FileStream(modelTemp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                proto.WriteTo(file);
                file.Flush(flushToDisk: true);
            }
            cancellationToken.ThrowIfCancellationRequested();
            if (external > 0) File.Move(dataTemp, dataPath, overwrite: true);
            File.Move(modelTemp, modelPath, overwrite: true);
            return new ModelWriteResult(modelPath, external > 0 ? dataPath : null, inline, external, externalBytes);
        }
        catch
        {
            TryDelete(modelTemp);
            TryDelete(dataTemp);
            throw;
        }
    }

    private (int Inline, int External, long ExternalBytes) WriteData(
        BuiltModel model, ModelProto proto, string dataName, string dataTemp,
        IProgress<ModelWriteProgress>? progress, CancellationToken cancellationToken)
    {
        var tensors = proto.Graph.Initializer;
        var sources = model.InitializerSources;
        long totalBytes = model.TotalInitializerBytes, written = 0;
        int inline = 0, external = 0;
        FileStream? data = null;
        try
        {
            for (int i = 0; i < tensors.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (tensor, source) = (tensors[i], sources[i]);
                if (source.ByteLength < Options.InlineThreshold)
                {
                    using var buffer = new MemoryStream(checked((int)source.ByteLength));
                    source.WriteTo(buffer, cancellationToken);
                    CheckLength(tensor.Name, source.ByteLength, buffer.Length);
                    tensor.RawData = ByteString.CopyFrom(buffer.GetBuffer(), 0, (int)buffer.Length);
                    inline++;
                }
                else
                {
                    data ??= new FileStream(dataTemp, FileMode.CreateNew, FileAccess.Write, FileShare.None,
                        bufferSize: 1 << 20, FileOptions.SequentialScan);
                    int alignment = source.ByteLength >= Options.LargeTensorThreshold
                        ? Options.LargeTensorAlignment
                        : Options.Alignment;
                    Pad(data, alignment);
                    long offset = data.Position;
                    source.WriteTo(data, cancellationToken);
                    CheckLength(tensor.Name, source.ByteLength, data.Position - offset);
                    SetExternal(tensor, dataName, offset, source.ByteLength);
                    external++;
                }
                written += source.ByteLength;
                progress?.Report(new ModelWriteProgress(i + 1, tensors.Count, written, totalBytes, tensor.Name));
            }
            long externalBytes = data?.Length ?? 0;
            data?.Flush(flushToDisk: true);
            return (inline, external, externalBytes);
        }
        finally
        {
            data?.Dispose();
        }
    }

    private static void SetExternal(TensorProto tensor, string location, long offset, long length)
    {
        tensor.DataLocation = TensorProto.Types.DataLocation.External;
        tensor.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = location });
        tensor.ExternalData.Add(new StringStringEntryProto { Key = "offset", Value = offset.ToString(CultureInfo.InvariantCulture) });
        tensor.ExternalData.Add(new StringStringEntryProto { Key = "length", Value = length.ToString(CultureInfo.InvariantCulture) });
    }

    private static void Pad(Stream stream, int alignment)
    {
        long padding = (alignment - stream.Position % alignment) % alignment;
        while (padding > 0)
        {
            int n = (int)Math.Min(padding, Zeros.Length);
            stream.Write(Zeros, 0, n);
            padding -= n;
        }
    }

    private static void CheckLength(string name, long expected, long actual)
    {
        if (expected != actual) throw new TensorSourceLengthException(name, expected, actual);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the original exception matters more than a leftover temporary file.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
