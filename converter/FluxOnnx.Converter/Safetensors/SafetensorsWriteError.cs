namespace FluxOnnx.Converter.Safetensors;

/// <summary>Why <see cref="SafetensorsWriter"/> refused a request (see <see cref="SafetensorsWriteException"/>).</summary>
public enum SafetensorsWriteError
{
    /// <summary>A declaration is unusable: reserved or repeated name, negative dimension, or a byte size overflowing 64 bits.</summary>
    InvalidDeclaration,

    /// <summary>The header would exceed <see cref="SafetensorsFile.MaxHeaderLength"/>.</summary>
    HeaderTooLarge,

    /// <summary>Bytes were offered for a tensor other than the next one in <see cref="SafetensorsWriter.WriteOrder"/>.</summary>
    OutOfOrder,

    /// <summary>A tensor received more or fewer bytes than its declaration implies.</summary>
    ByteCountMismatch,

    /// <summary><see cref="SafetensorsWriter.Complete"/> was called before every tensor was written.</summary>
    Incomplete,
}
