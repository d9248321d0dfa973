using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Unicode;
using FluxOnnx.Converter.Numerics;

namespace FluxOnnx.Converter.Safetensors;

/// <summary>
/// Parses and validates a safetensors JSON header against the size of its data section. Uses
/// <see cref="Utf8JsonReader"/> directly so that duplicate keys (which <see cref="JsonDocument"/> tolerates)
/// are seen and rejected, and so nothing but the header's own strings is allocated.
/// </summary>
internal sealed class SafetensorsHeaderParser
{
    /// <summary>The reserved key holding string → string metadata.</summary>
    public const string MetadataKey = "__metadata__";

    private readonly string _filePath;
    private readonly long _dataLength;
    private readonly long _dataStart;
    private readonly List<SafetensorsTensorInfo> _tensors = [];
    private readonly Dictionary<string, string> _metadata = new(StringComparer.Ordinal);

    private SafetensorsHeaderParser(string filePath, long dataStart, long dataLength)
    {
        _filePath = filePath;
        _dataStart = dataStart;
        _dataLength = dataLength;
    }

    /// <summary>Validates <paramref name="header"/>; returns the tensors sorted by offset, and the metadata.</summary>
    /// <exception cref="SafetensorsFormatException">Any rule is broken.</exception>
    public static (List<SafetensorsTensorInfo> Tensors, Dictionary<string, string> Metadata) Parse(
        ReadOnlySpan<byte> header, string filePath, long dataStart, long dataLength)
    {
        var parser = new SafetensorsHeaderParser(filePath, dataStart, dataLength);
        if (!Utf8.IsValid(header))
        {
            throw parser.Error(SafetensorsFormatError.HeaderNotUtf8, "the header is not valid UTF-8");
        }
        try
        {
            var reader = new Utf8JsonReader(header, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            parser.ReadRoot(ref reader);
        }
        catch (JsonException e)
        {
            throw new SafetensorsFormatException(SafetensorsFormatError.InvalidJson, filePath,
                $"the header is not valid JSON: {e.Message}", innerException: e);
        }
        parser.CheckLayout();
        return (parser._tensors, parser._metadata);
    }

    private void ReadRoot(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw Error(SafetensorsFormatError.HeaderNotObject, "the header must be a JSON object",
                expected: "object", actual: reader.TokenType.ToString());
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            string key = reader.GetString()!;
            if (!seen.Add(key))
            {
                throw Error(SafetensorsFormatError.DuplicateKey, "the header repeats this key", key);
            }
            Next(ref reader);
            if (key == MetadataKey)
            {
                ReadMetadata(ref reader);
            }
            else
            {
                _tensors.Add(ReadEntry(ref reader, key));
            }
        }
        if (reader.Read())
        {
            throw Error(SafetensorsFormatError.InvalidJson, "content follows the header object",
                actual: reader.TokenType.ToString());
        }
    }

    private void ReadMetadata(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Error(SafetensorsFormatError.InvalidMetadata, "__metadata__ must be an object", MetadataKey,
                "object", reader.TokenType.ToString());
        }
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            string key = reader.GetString()!;
            if (Next(ref reader) != JsonTokenType.String)
            {
                throw Error(SafetensorsFormatError.InvalidMetadata, $"metadata value of '{key}' must be a string",
                    MetadataKey, "String", reader.TokenType.ToString());
            }
            if (!_metadata.TryAdd(key, reader.GetString()!))
            {
                throw Error(SafetensorsFormatError.DuplicateKey, $"__metadata__ repeats the key '{key}'", MetadataKey);
            }
        }
    }

    private SafetensorsTensorInfo ReadEntry(ref Utf8JsonReader reader, string name)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Error(SafetensorsFormatError.InvalidEntry, "a tensor entry must be an object", name, "object",
                reader.TokenType.ToString());
        }
        ElementType? dtype = null;
        long[]? shape = null;
        long[]? offsets = null;
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            string field = reader.GetString()!;
            Next(ref reader);
            bool duplicate = field switch
            {
                "dtype" => dtype is not null,
                "shape" => shape is not null,
                "data_offsets" => offsets is not null,
                _ => throw Error(SafetensorsFormatError.InvalidEntry, $"unexpected field '{field}'", name,
                    "dtype, shape, data_offsets", field),
            };
            if (duplicate)
            {
                throw Error(SafetensorsFormatError.DuplicateKey, $"the entry repeats the field '{field}'", name);
            }
            switch (field)
            {
                case "dtype": dtype = ReadDType(ref reader, name); break;
                case "shape": shape = ReadIntegers(ref reader, name, SafetensorsFormatError.InvalidShape, "shape"); break;
                default: offsets = ReadIntegers(ref reader, name, SafetensorsFormatError.InvalidOffsets, "data_offsets"); break;
            }
        }
        if (dtype is null || shape is null || offsets is null)
        {
            string present = string.Join(", ", new[] { dtype is null ? null : "dtype", shape is null ? null : "shape",
                offsets is null ? null : "data_offsets" }.Where(f => f is not null));
            throw Error(SafetensorsFormatError.InvalidEntry, "the entry lacks a required field", name,
                "dtype, shape, data_offsets", present.Length == 0 ? "none" : present);
        }
        return Validate(name, dtype.Value, shape, offsets);
    }

    private ElementType ReadDType(ref Utf8JsonReader reader, string name)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw Error(SafetensorsFormatError.InvalidEntry, "dtype must be a string", name, "String", reader.TokenType.ToString());
        }
        string text = reader.GetString()!;
        if (!SafetensorsDTypes.TryParse(text, out ElementType dtype))
        {
            throw Error(SafetensorsFormatError.UnknownDType, "unknown dtype", name,
                "one of " + string.Join(", ", SafetensorsDTypes.All.Select(d => d.SafetensorsName())), text);
        }
        return dtype;
    }

    private long[] ReadIntegers(ref Utf8JsonReader reader, string name, SafetensorsFormatError reason, string field)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Error(SafetensorsFormatError.InvalidEntry, $"{field} must be an array", name, "Array", reader.TokenType.ToString());
        }
        var values = new List<long>();
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            string raw = reader.TokenType == JsonTokenType.Number
                ? System.Text.Encoding.UTF8.GetString(reader.ValueSpan)
                : reader.TokenType.ToString();
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out long value) || value < 0)
            {
                throw Error(reason, $"{field} entries must be non-negative integers", name,
                    "integer in [0, 2^63)", raw);
            }
            values.Add(value);
        }
        if (field == "data_offsets" && values.Count != 2)
        {
            throw Error(reason, "data_offsets must hold exactly [begin, end]", name, "2 values", values.Count.ToString());
        }
        return [.. values];
    }

    private SafetensorsTensorInfo Validate(string name, ElementType dtype, long[] shape, long[] offsets)
    {
        string shapeText = "[" + string.Join(", ", shape) + "]";
        long elements = 1;
        long bytes;
        try
        {
            foreach (long dim in shape)
            {
                elements = checked(elements * dim);
            }
            bytes = checked(elements * dtype.ByteSize());
        }
        catch (OverflowException)
        {
            throw Error(SafetensorsFormatError.ShapeOverflow, $"the byte size of shape {shapeText} overflows 64 bits",
                name, "product(shape) × item size < 2^63", shapeText);
        }
        long begin = offsets[0];
        long end = offsets[1];
        if (begin > end)
        {
            throw Error(SafetensorsFormatError.ReversedOffsets, "data_offsets begin after they end", name,
                "begin ≤ end", $"[{begin}, {end}]");
        }
        if (end > _dataLength)
        {
            throw Error(SafetensorsFormatError.OffsetsOutOfRange, "data_offsets run past the data section", name,
                $"end ≤ {_dataLength}", $"[{begin}, {end}]");
        }
        if (end - begin != bytes)
        {
            throw Error(SafetensorsFormatError.ByteSizeMismatch,
                $"the byte range does not match {dtype.SafetensorsName()} {shapeText}", name,
                $"{bytes} bytes", $"{end - begin} bytes");
        }
        return new SafetensorsTensorInfo(name, dtype, [.. shape], begin, _dataStart + begin, bytes);
    }

    private void CheckLayout()
    {
        _tensors.Sort((a, b) => a.DataOffset != b.DataOffset
            ? a.DataOffset.CompareTo(b.DataOffset)
            : a.ByteLength != b.ByteLength ? a.ByteLength.CompareTo(b.ByteLength) : string.CompareOrdinal(a.Name, b.Name));
        long position = 0;
        string? previous = null;
        foreach (SafetensorsTensorInfo tensor in _tensors)
        {
            if (tensor.DataOffset < position)
            {
                throw Error(SafetensorsFormatError.OverlappingTensors, $"the bytes overlap those of '{previous}'",
                    tensor.Name, $"begin ≥ {position}", tensor.DataOffset.ToString());
            }
            if (tensor.DataOffset > position)
            {
                throw Error(SafetensorsFormatError.GapBetweenTensors,
                    previous is null ? "the first tensor does not start the data section" : $"bytes after '{previous}' belong to no tensor",
                    tensor.Name, $"begin = {position}", tensor.DataOffset.ToString());
            }
            position = tensor.DataOffset + tensor.ByteLength;
            previous = tensor.Name;
        }
        if (position != _dataLength)
        {
            throw Error(SafetensorsFormatError.TrailingData, "the data section extends past the last tensor", previous,
                $"{position} data bytes", $"{_dataLength} data bytes");
        }
    }

    // Reads the next token; an unexpected end of input is a JSON error.
    private static JsonTokenType Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new JsonException("unexpected end of the header");
        }
        return reader.TokenType;
    }

    private SafetensorsFormatException Error(SafetensorsFormatError reason, string description,
        string? tensorName = null, string? expected = null, string? actual = null) =>
        new(reason, _filePath, description, tensorName, expected, actual);
}
