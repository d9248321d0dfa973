namespace FluxOnnx.Ort.Native;

/// <summary>
/// Typed view of one <c>OrtApi</c> function table. Each member reads the function pointer in its slot
/// (<see cref="OrtApiSlot"/>) and casts it to the C signature: opaque ORT objects are <c>nint</c>,
/// <c>size_t</c> is <c>nuint</c>, C enums are <c>int</c>, and <c>OrtStatus*</c> results are <c>nint</c>
/// (zero means success). The table belongs to the loaded library and stays valid for the process lifetime,
/// because the binding never unloads ORT.
/// </summary>
internal sealed unsafe class OrtApi
{
    private readonly nint* _table;

    public OrtApi(nint table) => _table = (nint*)table;

    private nint Slot(int index) => _table[index];

    public delegate* unmanaged[Cdecl]<nint, int> GetErrorCode => (delegate* unmanaged[Cdecl]<nint, int>)Slot(OrtApiSlot.GetErrorCode);
    public delegate* unmanaged[Cdecl]<nint, byte*> GetErrorMessage => (delegate* unmanaged[Cdecl]<nint, byte*>)Slot(OrtApiSlot.GetErrorMessage);
    public delegate* unmanaged[Cdecl]<nint, nint, int, byte*, nint*, nint> CreateEnvWithCustomLogger => (delegate* unmanaged[Cdecl]<nint, nint, int, byte*, nint*, nint>)Slot(OrtApiSlot.CreateEnvWithCustomLogger);
    public delegate* unmanaged[Cdecl]<nint, void*, nint, nint*, nint> CreateSession => (delegate* unmanaged[Cdecl]<nint, void*, nint, nint*, nint>)Slot(OrtApiSlot.CreateSession);
    public delegate* unmanaged[Cdecl]<nint, nint, nint*, nint*, nuint, nint*, nuint, nint*, nint> Run => (delegate* unmanaged[Cdecl]<nint, nint, nint*, nint*, nuint, nint*, nuint, nint*, nint>)Slot(OrtApiSlot.Run);

    public delegate* unmanaged[Cdecl]<nint*, nint> CreateSessionOptions => (delegate* unmanaged[Cdecl]<nint*, nint>)Slot(OrtApiSlot.CreateSessionOptions);
    public delegate* unmanaged[Cdecl]<nint, void*, nint> SetOptimizedModelFilePath => (delegate* unmanaged[Cdecl]<nint, void*, nint>)Slot(OrtApiSlot.SetOptimizedModelFilePath);
    public delegate* unmanaged[Cdecl]<nint, nint> EnableMemPattern => (delegate* unmanaged[Cdecl]<nint, nint>)Slot(OrtApiSlot.EnableMemPattern);
    public delegate* unmanaged[Cdecl]<nint, nint> DisableMemPattern => (delegate* unmanaged[Cdecl]<nint, nint>)Slot(OrtApiSlot.DisableMemPattern);
    public delegate* unmanaged[Cdecl]<nint, nint> EnableCpuMemArena => (delegate* unmanaged[Cdecl]<nint, nint>)Slot(OrtApiSlot.EnableCpuMemArena);
    public delegate* unmanaged[Cdecl]<nint, nint> DisableCpuMemArena => (delegate* unmanaged[Cdecl]<nint, nint>)Slot(OrtApiSlot.DisableCpuMemArena);
    public delegate* unmanaged[Cdecl]<nint, byte*, nint> SetSessionLogId => (delegate* unmanaged[Cdecl]<nint, byte*, nint>)Slot(OrtApiSlot.SetSessionLogId);
    public delegate* unmanaged[Cdecl]<nint, int, nint> SetSessionLogSeverityLevel => (delegate* unmanaged[Cdecl]<nint, int, nint>)Slot(OrtApiSlot.SetSessionLogSeverityLevel);
    public delegate* unmanaged[Cdecl]<nint, int, nint> SetSessionGraphOptimizationLevel => (delegate* unmanaged[Cdecl]<nint, int, nint>)Slot(OrtApiSlot.SetSessionGraphOptimizationLevel);
    public delegate* unmanaged[Cdecl]<nint, int, nint> SetIntraOpNumThreads => (delegate* unmanaged[Cdecl]<nint, int, nint>)Slot(OrtApiSlot.SetIntraOpNumThreads);
    public delegate* unmanaged[Cdecl]<nint, int, nint> SetInterOpNumThreads => (delegate* unmanaged[Cdecl]<nint, int, nint>)Slot(OrtApiSlot.SetInterOpNumThreads);
    public delegate* unmanaged[Cdecl]<nint, byte*, long, nint> AddFreeDimensionOverrideByName => (delegate* unmanaged[Cdecl]<nint, byte*, long, nint>)Slot(OrtApiSlot.AddFreeDimensionOverrideByName);
    public delegate* unmanaged[Cdecl]<nint, byte*, byte*, nint> AddSessionConfigEntry => (delegate* unmanaged[Cdecl]<nint, byte*, byte*, nint>)Slot(OrtApiSlot.AddSessionConfigEntry);

    public delegate* unmanaged[Cdecl]<nint, nuint*, nint> SessionGetInputCount => (delegate* unmanaged[Cdecl]<nint, nuint*, nint>)Slot(OrtApiSlot.SessionGetInputCount);
    public delegate* unmanaged[Cdecl]<nint, nuint*, nint> SessionGetOutputCount => (delegate* unmanaged[Cdecl]<nint, nuint*, nint>)Slot(OrtApiSlot.SessionGetOutputCount);
    public delegate* unmanaged[Cdecl]<nint, nuint, nint*, nint> SessionGetInputTypeInfo => (delegate* unmanaged[Cdecl]<nint, nuint, nint*, nint>)Slot(OrtApiSlot.SessionGetInputTypeInfo);
    public delegate* unmanaged[Cdecl]<nint, nuint, nint*, nint> SessionGetOutputTypeInfo => (delegate* unmanaged[Cdecl]<nint, nuint, nint*, nint>)Slot(OrtApiSlot.SessionGetOutputTypeInfo);
    public delegate* unmanaged[Cdecl]<nint, nuint, nint, nint*, nint> SessionGetInputName => (delegate* unmanaged[Cdecl]<nint, nuint, nint, nint*, nint>)Slot(OrtApiSlot.SessionGetInputName);
    public delegate* unmanaged[Cdecl]<nint, nuint, nint, nint*, nint> SessionGetOutputName => (delegate* unmanaged[Cdecl]<nint, nuint, nint, nint*, nint>)Slot(OrtApiSlot.SessionGetOutputName);

    public delegate* unmanaged[Cdecl]<nint*, nint> CreateRunOptions => (delegate* unmanaged[Cdecl]<nint*, nint>)Slot(OrtApiSlot.CreateRunOptions);
    public delegate* unmanaged[Cdecl]<nint, int, nint> RunOptionsSetRunLogSeverityLevel => (delegate* unmanaged[Cdecl]<nint, int, nint>)Slot(OrtApiSlot.RunOptionsSetRunLogSeverityLevel);
    public delegate* unmanaged[Cdecl]<nint, byte*, nint> RunOptionsSetRunTag => (delegate* unmanaged[Cdecl]<nint, byte*, nint>)Slot(OrtApiSlot.RunOptionsSetRunTag);
    public delegate* unmanaged[Cdecl]<nint, nint> RunOptionsSetTerminate => (delegate* unmanaged[Cdecl]<nint, nint>)Slot(OrtApiSlot.RunOptionsSetTerminate);
    public delegate* unmanaged[Cdecl]<nint, nint> RunOptionsUnsetTerminate => (delegate* unmanaged[Cdecl]<nint, nint>)Slot(OrtApiSlot.RunOptionsUnsetTerminate);

    public delegate* unmanaged[Cdecl]<nint, long*, nuint, int, nint*, nint> CreateTensorAsOrtValue => (delegate* unmanaged[Cdecl]<nint, long*, nuint, int, nint*, nint>)Slot(OrtApiSlot.CreateTensorAsOrtValue);
    public delegate* unmanaged[Cdecl]<nint, void*, nuint, long*, nuint, int, nint*, nint> CreateTensorWithDataAsOrtValue => (delegate* unmanaged[Cdecl]<nint, void*, nuint, long*, nuint, int, nint*, nint>)Slot(OrtApiSlot.CreateTensorWithDataAsOrtValue);
    public delegate* unmanaged[Cdecl]<nint, int*, nint> IsTensor => (delegate* unmanaged[Cdecl]<nint, int*, nint>)Slot(OrtApiSlot.IsTensor);
    public delegate* unmanaged[Cdecl]<nint, void**, nint> GetTensorMutableData => (delegate* unmanaged[Cdecl]<nint, void**, nint>)Slot(OrtApiSlot.GetTensorMutableData);
    public delegate* unmanaged[Cdecl]<nint, nint*, nint> CastTypeInfoToTensorInfo => (delegate* unmanaged[Cdecl]<nint, nint*, nint>)Slot(OrtApiSlot.CastTypeInfoToTensorInfo);
    public delegate* unmanaged[Cdecl]<nint, int*, nint> GetOnnxTypeFromTypeInfo => (delegate* unmanaged[Cdecl]<nint, int*, nint>)Slot(OrtApiSlot.GetOnnxTypeFromTypeInfo);
    public delegate* unmanaged[Cdecl]<nint, int*, nint> GetTensorElementType => (delegate* unmanaged[Cdecl]<nint, int*, nint>)Slot(OrtApiSlot.GetTensorElementType);
    public delegate* unmanaged[Cdecl]<nint, nuint*, nint> GetDimensionsCount => (delegate* unmanaged[Cdecl]<nint, nuint*, nint>)Slot(OrtApiSlot.GetDimensionsCount);
    public delegate* unmanaged[Cdecl]<nint, long*, nuint, nint> GetDimensions => (delegate* unmanaged[Cdecl]<nint, long*, nuint, nint>)Slot(OrtApiSlot.GetDimensions);
    public delegate* unmanaged[Cdecl]<nint, byte**, nuint, nint> GetSymbolicDimensions => (delegate* unmanaged[Cdecl]<nint, byte**, nuint, nint>)Slot(OrtApiSlot.GetSymbolicDimensions);
    public delegate* unmanaged[Cdecl]<nint, nuint*, nint> GetTensorShapeElementCount => (delegate* unmanaged[Cdecl]<nint, nuint*, nint>)Slot(OrtApiSlot.GetTensorShapeElementCount);
    public delegate* unmanaged[Cdecl]<nint, nint*, nint> GetTensorTypeAndShape => (delegate* unmanaged[Cdecl]<nint, nint*, nint>)Slot(OrtApiSlot.GetTensorTypeAndShape);
    public delegate* unmanaged[Cdecl]<nint, int*, nint> GetValueType => (delegate* unmanaged[Cdecl]<nint, int*, nint>)Slot(OrtApiSlot.GetValueType);

    public delegate* unmanaged[Cdecl]<int, int, nint*, nint> CreateCpuMemoryInfo => (delegate* unmanaged[Cdecl]<int, int, nint*, nint>)Slot(OrtApiSlot.CreateCpuMemoryInfo);
    public delegate* unmanaged[Cdecl]<nint, void*, nint> AllocatorFree => (delegate* unmanaged[Cdecl]<nint, void*, nint>)Slot(OrtApiSlot.AllocatorFree);
    public delegate* unmanaged[Cdecl]<nint*, nint> GetAllocatorWithDefaultOptions => (delegate* unmanaged[Cdecl]<nint*, nint>)Slot(OrtApiSlot.GetAllocatorWithDefaultOptions);

    public delegate* unmanaged[Cdecl]<nint, void> ReleaseStatus => (delegate* unmanaged[Cdecl]<nint, void>)Slot(OrtApiSlot.ReleaseStatus);

    /// <summary>The raw release function in <paramref name="slot"/>; every <c>Release*</c> member takes one pointer.</summary>
    public nint ReleaseFunction(int slot) => Slot(slot);

    public delegate* unmanaged[Cdecl]<nint, nint*, nint> SessionGetModelMetadata => (delegate* unmanaged[Cdecl]<nint, nint*, nint>)Slot(OrtApiSlot.SessionGetModelMetadata);
    public delegate* unmanaged[Cdecl]<nint, nint, nint*, nint> ModelMetadataGetProducerName => (delegate* unmanaged[Cdecl]<nint, nint, nint*, nint>)Slot(OrtApiSlot.ModelMetadataGetProducerName);
    public delegate* unmanaged[Cdecl]<nint, nint, nint*, nint> ModelMetadataGetGraphName => (delegate* unmanaged[Cdecl]<nint, nint, nint*, nint>)Slot(OrtApiSlot.ModelMetadataGetGraphName);
    public delegate* unmanaged[Cdecl]<nint, nint, nint*, nint> ModelMetadataGetDomain => (delegate* unmanaged[Cdecl]<nint, nint, nint*, nint>)Slot(OrtApiSlot.ModelMetadataGetDomain);
    public delegate* unmanaged[Cdecl]<nint, nint, nint*, nint> ModelMetadataGetDescription => (delegate* unmanaged[Cdecl]<nint, nint, nint*, nint>)Slot(OrtApiSlot.ModelMetadataGetDescription);
    public delegate* unmanaged[Cdecl]<nint, nint, byte*, nint*, nint> ModelMetadataLookupCustomMetadataMap => (delegate* unmanaged[Cdecl]<nint, nint, byte*, nint*, nint>)Slot(OrtApiSlot.ModelMetadataLookupCustomMetadataMap);
    public delegate* unmanaged[Cdecl]<nint, long*, nint> ModelMetadataGetVersion => (delegate* unmanaged[Cdecl]<nint, long*, nint>)Slot(OrtApiSlot.ModelMetadataGetVersion);
    public delegate* unmanaged[Cdecl]<nint, nint, nint*, long*, nint> ModelMetadataGetCustomMetadataMapKeys => (delegate* unmanaged[Cdecl]<nint, nint, nint*, long*, nint>)Slot(OrtApiSlot.ModelMetadataGetCustomMetadataMapKeys);

    public delegate* unmanaged[Cdecl]<nint*, int*, nint> GetAvailableProviders => (delegate* unmanaged[Cdecl]<nint*, int*, nint>)Slot(OrtApiSlot.GetAvailableProviders);
    public delegate* unmanaged[Cdecl]<nint, int, nint> ReleaseAvailableProviders => (delegate* unmanaged[Cdecl]<nint, int, nint>)Slot(OrtApiSlot.ReleaseAvailableProviders);

    public delegate* unmanaged[Cdecl]<nint, nint, nint, nint> RunWithBinding => (delegate* unmanaged[Cdecl]<nint, nint, nint, nint>)Slot(OrtApiSlot.RunWithBinding);
    public delegate* unmanaged[Cdecl]<nint, nint*, nint> CreateIoBinding => (delegate* unmanaged[Cdecl]<nint, nint*, nint>)Slot(OrtApiSlot.CreateIoBinding);
    public delegate* unmanaged[Cdecl]<nint, byte*, nint, nint> BindInput => (delegate* unmanaged[Cdecl]<nint, byte*, nint, nint>)Slot(OrtApiSlot.BindInput);
    public delegate* unmanaged[Cdecl]<nint, byte*, nint, nint> BindOutput => (delegate* unmanaged[Cdecl]<nint, byte*, nint, nint>)Slot(OrtApiSlot.BindOutput);
    public delegate* unmanaged[Cdecl]<nint, byte*, nint, nint> BindOutputToDevice => (delegate* unmanaged[Cdecl]<nint, byte*, nint, nint>)Slot(OrtApiSlot.BindOutputToDevice);
    public delegate* unmanaged[Cdecl]<nint, nint, byte**, nuint**, nuint*, nint> GetBoundOutputNames => (delegate* unmanaged[Cdecl]<nint, nint, byte**, nuint**, nuint*, nint>)Slot(OrtApiSlot.GetBoundOutputNames);
    public delegate* unmanaged[Cdecl]<nint, nint, nint**, nuint*, nint> GetBoundOutputValues => (delegate* unmanaged[Cdecl]<nint, nint, nint**, nuint*, nint>)Slot(OrtApiSlot.GetBoundOutputValues);
    public delegate* unmanaged[Cdecl]<nint, void> ClearBoundInputs => (delegate* unmanaged[Cdecl]<nint, void>)Slot(OrtApiSlot.ClearBoundInputs);
    public delegate* unmanaged[Cdecl]<nint, void> ClearBoundOutputs => (delegate* unmanaged[Cdecl]<nint, void>)Slot(OrtApiSlot.ClearBoundOutputs);

    public delegate* unmanaged[Cdecl]<nint, nint, nint> SessionOptionsAppendExecutionProviderTensorRtV2 => (delegate* unmanaged[Cdecl]<nint, nint, nint>)Slot(OrtApiSlot.SessionOptionsAppendExecutionProviderTensorRtV2);
    public delegate* unmanaged[Cdecl]<nint*, nint> CreateTensorRtProviderOptions => (delegate* unmanaged[Cdecl]<nint*, nint>)Slot(OrtApiSlot.CreateTensorRtProviderOptions);
    public delegate* unmanaged[Cdecl]<nint, byte**, byte**, nuint, nint> UpdateTensorRtProviderOptions => (delegate* unmanaged[Cdecl]<nint, byte**, byte**, nuint, nint>)Slot(OrtApiSlot.UpdateTensorRtProviderOptions);
    public delegate* unmanaged[Cdecl]<byte*, uint, nint*, nint> GetExecutionProviderApi => (delegate* unmanaged[Cdecl]<byte*, uint, nint*, nint>)Slot(OrtApiSlot.GetExecutionProviderApi);
    public delegate* unmanaged[Cdecl]<nint, nint, nint> SessionOptionsAppendExecutionProviderCudaV2 => (delegate* unmanaged[Cdecl]<nint, nint, nint>)Slot(OrtApiSlot.SessionOptionsAppendExecutionProviderCudaV2);
    public delegate* unmanaged[Cdecl]<nint*, nint> CreateCudaProviderOptions => (delegate* unmanaged[Cdecl]<nint*, nint>)Slot(OrtApiSlot.CreateCudaProviderOptions);
    public delegate* unmanaged[Cdecl]<nint, byte**, byte**, nuint, nint> UpdateCudaProviderOptions => (delegate* unmanaged[Cdecl]<nint, byte**, byte**, nuint, nint>)Slot(OrtApiSlot.UpdateCudaProviderOptions);
    public delegate* unmanaged[Cdecl]<nint, byte*, byte**, byte**, nuint, nint> SessionOptionsAppendExecutionProvider => (delegate* unmanaged[Cdecl]<nint, byte*, byte**, byte**, nuint, nint>)Slot(OrtApiSlot.SessionOptionsAppendExecutionProvider);
}
