namespace FluxOnnx.Ort.Native;

/// <summary>
/// Slot numbers of the <c>OrtApi</c> function table (include/onnxruntime/core/session/onnxruntime_c_api.h).
/// The table is append-only in header order: every <c>ORT_API2_STATUS</c>, <c>ORT_CLASS_RELEASE</c> and plain
/// function pointer member is one pointer-sized slot, counted from zero. Only the slots this binding calls are
/// listed; each comment names the C member. ORT's own static asserts pin some of them
/// (ReleaseCustomOpDomain == 101, ReleaseModelMetadata == 118, AddFreeDimensionOverrideByName == 124,
/// ReleaseAvailableProviders == 126, SetGlobalSpinControl == 149), which these numbers agree with.
/// </summary>
internal static class OrtApiSlot
{
    public const int GetErrorCode = 1;                                   // GetErrorCode
    public const int GetErrorMessage = 2;                                // GetErrorMessage
    public const int CreateEnvWithCustomLogger = 4;                      // CreateEnvWithCustomLogger
    public const int CreateSession = 7;                                  // CreateSession
    public const int Run = 9;                                            // Run
    public const int CreateSessionOptions = 10;                          // CreateSessionOptions
    public const int SetOptimizedModelFilePath = 11;                     // SetOptimizedModelFilePath
    public const int EnableMemPattern = 16;                              // EnableMemPattern
    public const int DisableMemPattern = 17;                             // DisableMemPattern
    public const int EnableCpuMemArena = 18;                             // EnableCpuMemArena
    public const int DisableCpuMemArena = 19;                            // DisableCpuMemArena
    public const int SetSessionLogId = 20;                               // SetSessionLogId
    public const int SetSessionLogSeverityLevel = 22;                    // SetSessionLogSeverityLevel
    public const int SetSessionGraphOptimizationLevel = 23;              // SetSessionGraphOptimizationLevel
    public const int SetIntraOpNumThreads = 24;                          // SetIntraOpNumThreads
    public const int SetInterOpNumThreads = 25;                          // SetInterOpNumThreads
    public const int SessionGetInputCount = 30;                          // SessionGetInputCount
    public const int SessionGetOutputCount = 31;                         // SessionGetOutputCount
    public const int SessionGetInputTypeInfo = 33;                       // SessionGetInputTypeInfo
    public const int SessionGetOutputTypeInfo = 34;                      // SessionGetOutputTypeInfo
    public const int SessionGetInputName = 36;                           // SessionGetInputName
    public const int SessionGetOutputName = 37;                          // SessionGetOutputName
    public const int CreateRunOptions = 39;                              // CreateRunOptions
    public const int RunOptionsSetRunLogSeverityLevel = 41;              // RunOptionsSetRunLogSeverityLevel
    public const int RunOptionsSetRunTag = 42;                           // RunOptionsSetRunTag
    public const int RunOptionsSetTerminate = 46;                        // RunOptionsSetTerminate
    public const int RunOptionsUnsetTerminate = 47;                      // RunOptionsUnsetTerminate
    public const int CreateTensorAsOrtValue = 48;                        // CreateTensorAsOrtValue
    public const int CreateTensorWithDataAsOrtValue = 49;                // CreateTensorWithDataAsOrtValue
    public const int IsTensor = 50;                                      // IsTensor
    public const int GetTensorMutableData = 51;                          // GetTensorMutableData
    public const int CastTypeInfoToTensorInfo = 55;                      // CastTypeInfoToTensorInfo
    public const int GetOnnxTypeFromTypeInfo = 56;                       // GetOnnxTypeFromTypeInfo
    public const int GetTensorElementType = 60;                          // GetTensorElementType
    public const int GetDimensionsCount = 61;                            // GetDimensionsCount
    public const int GetDimensions = 62;                                 // GetDimensions
    public const int GetSymbolicDimensions = 63;                         // GetSymbolicDimensions
    public const int GetTensorShapeElementCount = 64;                    // GetTensorShapeElementCount
    public const int GetTensorTypeAndShape = 65;                         // GetTensorTypeAndShape
    public const int GetValueType = 67;                                  // GetValueType
    public const int CreateCpuMemoryInfo = 69;                           // CreateCpuMemoryInfo
    public const int AllocatorFree = 76;                                 // AllocatorFree
    public const int GetAllocatorWithDefaultOptions = 78;                // GetAllocatorWithDefaultOptions
    public const int ReleaseEnv = 92;                                    // ReleaseEnv
    public const int ReleaseStatus = 93;                                 // ReleaseStatus
    public const int ReleaseMemoryInfo = 94;                             // ReleaseMemoryInfo
    public const int ReleaseSession = 95;                                // ReleaseSession
    public const int ReleaseValue = 96;                                  // ReleaseValue
    public const int ReleaseRunOptions = 97;                             // ReleaseRunOptions
    public const int ReleaseTypeInfo = 98;                               // ReleaseTypeInfo
    public const int ReleaseTensorTypeAndShapeInfo = 99;                 // ReleaseTensorTypeAndShapeInfo
    public const int ReleaseSessionOptions = 100;                        // ReleaseSessionOptions
    public const int SessionGetModelMetadata = 111;                      // SessionGetModelMetadata
    public const int ModelMetadataGetProducerName = 112;                 // ModelMetadataGetProducerName
    public const int ModelMetadataGetGraphName = 113;                    // ModelMetadataGetGraphName
    public const int ModelMetadataGetDomain = 114;                       // ModelMetadataGetDomain
    public const int ModelMetadataGetDescription = 115;                  // ModelMetadataGetDescription
    public const int ModelMetadataLookupCustomMetadataMap = 116;         // ModelMetadataLookupCustomMetadataMap
    public const int ModelMetadataGetVersion = 117;                      // ModelMetadataGetVersion
    public const int ReleaseModelMetadata = 118;                         // ReleaseModelMetadata
    public const int ModelMetadataGetCustomMetadataMapKeys = 123;        // ModelMetadataGetCustomMetadataMapKeys
    public const int AddFreeDimensionOverrideByName = 124;               // AddFreeDimensionOverrideByName
    public const int GetAvailableProviders = 125;                        // GetAvailableProviders
    public const int ReleaseAvailableProviders = 126;                    // ReleaseAvailableProviders
    public const int AddSessionConfigEntry = 130;                        // AddSessionConfigEntry
    public const int RunWithBinding = 133;                               // RunWithBinding
    public const int CreateIoBinding = 134;                              // CreateIoBinding
    public const int ReleaseIoBinding = 135;                             // ReleaseIoBinding
    public const int BindInput = 136;                                    // BindInput
    public const int BindOutput = 137;                                   // BindOutput
    public const int BindOutputToDevice = 138;                           // BindOutputToDevice
    public const int GetBoundOutputNames = 139;                          // GetBoundOutputNames
    public const int GetBoundOutputValues = 140;                         // GetBoundOutputValues
    public const int ClearBoundInputs = 141;                             // ClearBoundInputs (returns void)
    public const int ClearBoundOutputs = 142;                            // ClearBoundOutputs (returns void)
    public const int SessionOptionsAppendExecutionProviderTensorRtV2 = 170; // SessionOptionsAppendExecutionProvider_TensorRT_V2
    public const int CreateTensorRtProviderOptions = 171;                // CreateTensorRTProviderOptions
    public const int UpdateTensorRtProviderOptions = 172;                // UpdateTensorRTProviderOptions
    public const int ReleaseTensorRtProviderOptions = 174;               // ReleaseTensorRTProviderOptions
    public const int GetExecutionProviderApi = 195;                      // GetExecutionProviderApi
    public const int SessionOptionsAppendExecutionProviderCudaV2 = 204;  // SessionOptionsAppendExecutionProvider_CUDA_V2
    public const int CreateCudaProviderOptions = 205;                    // CreateCUDAProviderOptions
    public const int UpdateCudaProviderOptions = 206;                    // UpdateCUDAProviderOptions
    public const int ReleaseCudaProviderOptions = 208;                   // ReleaseCUDAProviderOptions
    public const int SessionOptionsAppendExecutionProvider = 216;        // SessionOptionsAppendExecutionProvider (generic, by name)

    /// <summary>
    /// Slot 0 of <c>OrtDmlApi</c> (dml_provider_factory.h), the table <c>GetExecutionProviderApi("DML")</c>
    /// returns: <c>SessionOptionsAppendExecutionProvider_DML(OrtSessionOptions*, int device_id)</c>.
    /// </summary>
    public const int DmlSessionOptionsAppendExecutionProviderDml = 0;
}
