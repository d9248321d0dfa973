namespace FluxOnnx.Ort;

/// <summary>
/// A CLR element type cannot stand for a tensor element type: its size differs (e.g. <c>float</c> for a float16
/// tensor), or the tensor type has no whole-byte element (string, 4-bit types), or the CLR type is ambiguous and no
/// element type was named.
/// </summary>
public sealed class OrtElementTypeMismatchException : Exception
{
    public OrtElementTypeMismatchException(OrtElementType elementType, Type clrType, string reason)
        : base($"CLR type {clrType.Name} cannot view tensor elements of type {elementType}: {reason}")
    {
        ElementType = elementType;
        ClrType = clrType;
    }

    public OrtElementType ElementType { get; }

    public Type ClrType { get; }
}
