namespace FluxOnnx.Ort.Native;

/// <summary>Copies a session's input/output descriptions and model metadata out of ORT.</summary>
internal static unsafe class SessionReader
{
    public static IReadOnlyList<OrtNodeInfo> ReadNodes(OrtLibrary library, nint session, bool inputs)
    {
        var api = library.Api;
        nuint count;
        library.Check(inputs ? api.SessionGetInputCount(session, &count) : api.SessionGetOutputCount(session, &count));
        var allocator = library.DefaultAllocator();
        var nodes = new OrtNodeInfo[(int)count];
        for (nuint i = 0; i < count; i++)
        {
            nint name;
            library.Check(inputs
                ? api.SessionGetInputName(session, i, allocator, &name)
                : api.SessionGetOutputName(session, i, allocator, &name));
            var nameText = NativeText.TakeFromDefaultAllocator(api, allocator, name);
            nint typeInfo;
            library.Check(inputs
                ? api.SessionGetInputTypeInfo(session, i, &typeInfo)
                : api.SessionGetOutputTypeInfo(session, i, &typeInfo));
            using var typeOwner = library.Own(typeInfo, OrtApiSlot.ReleaseTypeInfo);
            nodes[(int)i] = ReadNode(library, nameText, typeInfo);
        }
        return nodes;
    }

    private static OrtNodeInfo ReadNode(OrtLibrary library, string name, nint typeInfo)
    {
        var api = library.Api;
        int kind;
        library.Check(api.GetOnnxTypeFromTypeInfo(typeInfo, &kind));
        if ((OrtValueKind)kind != OrtValueKind.Tensor)
        {
            return new OrtNodeInfo(name, (OrtValueKind)kind, OrtElementType.Undefined, Array.Empty<OrtDimension>());
        }
        nint tensorInfo; // owned by typeInfo: not released here
        library.Check(api.CastTypeInfoToTensorInfo(typeInfo, &tensorInfo));
        int elementType;
        nuint rank;
        library.Check(api.GetTensorElementType(tensorInfo, &elementType));
        library.Check(api.GetDimensionsCount(tensorInfo, &rank));
        var values = new long[(int)rank];
        var symbols = new nint[(int)rank];
        fixed (long* v = values)
        fixed (nint* s = symbols)
        {
            library.Check(api.GetDimensions(tensorInfo, v, rank));
            library.Check(api.GetSymbolicDimensions(tensorInfo, (byte**)s, rank));
        }
        var shape = new OrtDimension[(int)rank];
        for (var d = 0; d < shape.Length; d++)
        {
            shape[d] = new OrtDimension(values[d], NativeText.FromUtf8((byte*)symbols[d]));
        }
        return new OrtNodeInfo(name, OrtValueKind.Tensor, (OrtElementType)elementType, shape);
    }

    public static OrtModelMetadata ReadMetadata(OrtLibrary library, nint session)
    {
        var api = library.Api;
        nint created;
        library.Check(api.SessionGetModelMetadata(session, &created));
        var metadata = created;
        using var owner = library.Own(created, OrtApiSlot.ReleaseModelMetadata);
        var allocator = library.DefaultAllocator();

        string Read(delegate* unmanaged[Cdecl]<nint, nint, nint*, nint> getter)
        {
            nint text;
            library.Check(getter(metadata, allocator, &text));
            return NativeText.TakeFromDefaultAllocator(api, allocator, text);
        }

        var producer = Read(api.ModelMetadataGetProducerName);
        var graph = Read(api.ModelMetadataGetGraphName);
        var domain = Read(api.ModelMetadataGetDomain);
        var description = Read(api.ModelMetadataGetDescription);
        long version;
        library.Check(api.ModelMetadataGetVersion(created, &version));
        return new OrtModelMetadata(producer, graph, domain, description, version, ReadCustom(library, metadata, allocator));
    }

    private static Dictionary<string, string> ReadCustom(OrtLibrary library, nint metadata, nint allocator)
    {
        var api = library.Api;
        nint keys;
        long count;
        library.Check(api.ModelMetadataGetCustomMetadataMapKeys(metadata, allocator, &keys, &count));
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (keys == nint.Zero)
        {
            return result;
        }
        try
        {
            // Take every key first so that each is freed even if a lookup fails.
            var names = new string[count];
            for (var i = 0; i < count; i++)
            {
                names[i] = NativeText.TakeFromDefaultAllocator(api, allocator, ((nint*)keys)[i]);
            }
            foreach (var name in names)
            {
                nint value;
                fixed (byte* key = NativeText.Utf8(name))
                {
                    library.Check(api.ModelMetadataLookupCustomMetadataMap(metadata, allocator, key, &value));
                }
                result[name] = NativeText.TakeFromDefaultAllocator(api, allocator, value);
            }
            return result;
        }
        finally
        {
            library.Check(api.AllocatorFree(allocator, (void*)keys));
        }
    }
}
