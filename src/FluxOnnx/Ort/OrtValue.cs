using System.Buffers;
using FluxOnnx.Ort.Native;

namespace FluxOnnx.Ort;

/// <summary>
/// Owner of an <c>OrtValue</c> (a tensor for everything this binding creates). Two origins:
/// <list type="bullet">
/// <item><see cref="CreateTensor{T}(OrtLibrary, Memory{T}, ReadOnlySpan{long}, OrtElementType)"/> wraps caller
/// memory without copying. The memory is pinned until <see cref="Dispose"/> (also if creation fails, it is unpinned
/// before the exception leaves); the caller keeps owning it and must not reuse it for something else while the value
/// lives. ORT reads and may write it during runs that use the value.</item>
/// <item>Run outputs, <see cref="AllocateTensor"/> and IOBinding outputs live in ORT-allocated memory that this
/// value owns and frees on <see cref="Dispose"/>.</item>
/// </list>
/// Spans from <see cref="GetTensorData{T}"/> point into the tensor's buffer and are valid only until this value is
/// disposed. Not thread-safe for disposal against concurrent use.
/// </summary>
public sealed unsafe class OrtValue : IDisposable
{
    private MemoryHandle _pin;
    private (OrtElementType Type, long[] Shape, long Count)? _tensorInfo;

    private OrtValue(OrtLibrary library, OrtHandle handle, MemoryHandle pin)
    {
        Library = library;
        Handle = handle;
        _pin = pin;
    }

    ~OrtValue() => _pin.Dispose();

    public OrtLibrary Library { get; }

    internal OrtHandle Handle { get; }

    internal nint Native
    {
        get
        {
            ObjectDisposedException.ThrowIf(Handle.IsClosed, this);
            return Handle.DangerousGetHandle();
        }
    }

    /// <summary>
    /// A tensor over <paramref name="data"/> whose element type follows from <typeparamref name="T"/>: float,
    /// <see cref="Half"/> (float16), double, long, int, short, sbyte, byte (uint8), ushort (uint16), uint, ulong,
    /// bool. For bfloat16 and float8 pass <c>ushort</c>/<c>byte</c> memory to the overload that names the type.
    /// </summary>
    public static OrtValue CreateTensor<T>(OrtLibrary library, Memory<T> data, ReadOnlySpan<long> shape)
        where T : unmanaged
    {
        var type = ElementSizes.FromClr(typeof(T));
        if (type == OrtElementType.Undefined)
        {
            throw new OrtElementTypeMismatchException(type, typeof(T), "no element type corresponds to it; name one");
        }
        return CreateTensor(library, data, shape, type);
    }

    /// <summary>A tensor of <paramref name="elementType"/> over <paramref name="data"/>, which is pinned, not copied.</summary>
    /// <exception cref="OrtElementTypeMismatchException"><typeparamref name="T"/>'s size is not the element size.</exception>
    /// <exception cref="OrtTensorSizeMismatchException">The buffer length is not the shape's element count.</exception>
    public static OrtValue CreateTensor<T>(OrtLibrary library, Memory<T> data, ReadOnlySpan<long> shape, OrtElementType elementType)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(library);
        CheckElementType<T>(elementType);
        var expected = CountElements(shape);
        if (expected != data.Length)
        {
            throw new OrtTensorSizeMismatchException(shape.ToArray(), expected, data.Length);
        }
        var pin = data.Pin();
        try
        {
            nint value;
            fixed (long* dims = shape)
            {
                library.Check(library.Api.CreateTensorWithDataAsOrtValue(
                    library.CpuMemoryInfo, pin.Pointer, (nuint)((long)data.Length * sizeof(T)),
                    dims, (nuint)shape.Length, (int)elementType, &value));
            }
            return new OrtValue(library, library.Own(value, OrtApiSlot.ReleaseValue), pin);
        }
        catch
        {
            pin.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A tensor in memory ORT allocates with its default CPU allocator (contents uninitialized). Useful as a
    /// pre-allocated IOBinding output. The value owns the memory.
    /// </summary>
    public static OrtValue AllocateTensor(OrtLibrary library, OrtElementType elementType, ReadOnlySpan<long> shape)
    {
        ArgumentNullException.ThrowIfNull(library);
        CountElements(shape);
        nint value;
        fixed (long* dims = shape)
        {
            library.Check(library.Api.CreateTensorAsOrtValue(
                library.DefaultAllocator(), dims, (nuint)shape.Length, (int)elementType, &value));
        }
        return FromOwned(library, value);
    }

    /// <summary>Takes ownership of a value ORT created (run or binding output).</summary>
    internal static OrtValue FromOwned(OrtLibrary library, nint value) =>
        new(library, library.Own(value, OrtApiSlot.ReleaseValue), default);

    /// <summary>What kind of value this is (always <see cref="OrtValueKind.Tensor"/> for values this binding creates).</summary>
    public OrtValueKind Kind
    {
        get
        {
            int kind;
            Library.Check(Library.Api.GetValueType(Native, &kind));
            return (OrtValueKind)kind;
        }
    }

    public OrtElementType ElementType => TensorInfo.Type;

    /// <summary>The tensor's dimensions; a copy the caller may keep.</summary>
    public long[] Shape => (long[])TensorInfo.Shape.Clone();

    public long ElementCount => TensorInfo.Count;

    /// <summary>
    /// The tensor's elements in place. Valid until this value is disposed; writes go to the tensor (for values over
    /// caller memory, to that memory).
    /// </summary>
    /// <exception cref="OrtElementTypeMismatchException"><typeparamref name="T"/> does not have the element size.</exception>
    public Span<T> GetTensorData<T>()
        where T : unmanaged
    {
        var info = TensorInfo;
        CheckElementType<T>(info.Type);
        void* data;
        Library.Check(Library.Api.GetTensorMutableData(Native, &data));
        return new Span<T>(data, checked((int)info.Count));
    }

    public void Dispose()
    {
        Handle.Dispose();
        _pin.Dispose();
        GC.SuppressFinalize(this);
    }

    private (OrtElementType Type, long[] Shape, long Count) TensorInfo => _tensorInfo ??= ReadTensorInfo();

    private (OrtElementType, long[], long) ReadTensorInfo()
    {
        var api = Library.Api;
        nint info;
        Library.Check(api.GetTensorTypeAndShape(Native, &info));
        using var owner = Library.Own(info, OrtApiSlot.ReleaseTensorTypeAndShapeInfo);
        int type;
        nuint rank;
        Library.Check(api.GetTensorElementType(info, &type));
        Library.Check(api.GetDimensionsCount(info, &rank));
        var shape = new long[(int)rank];
        fixed (long* dims = shape)
        {
            Library.Check(api.GetDimensions(info, dims, rank));
        }
        return ((OrtElementType)type, shape, CountElements(shape));
    }

    private static void CheckElementType<T>(OrtElementType elementType)
        where T : unmanaged
    {
        var size = ElementSizes.ByteSize(elementType);
        if (size == 0)
        {
            throw new OrtElementTypeMismatchException(elementType, typeof(T), "the element type has no whole-byte elements");
        }
        if (size != sizeof(T))
        {
            throw new OrtElementTypeMismatchException(
                elementType, typeof(T), $"elements are {size} bytes, the CLR type is {sizeof(T)}");
        }
    }

    private static long CountElements(ReadOnlySpan<long> shape)
    {
        long count = 1;
        foreach (var dim in shape)
        {
            if (dim < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(shape), dim, "Tensor dimensions must not be negative.");
            }
            count = checked(count * dim);
        }
        return count;
    }
}
