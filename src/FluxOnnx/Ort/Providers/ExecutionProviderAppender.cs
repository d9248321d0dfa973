using System.Runtime.InteropServices;
using FluxOnnx.Ort.Native;

namespace FluxOnnx.Ort.Providers;

/// <summary>
/// Appends execution provider requests to session options through the C API. A failed append leaves the options as
/// they were (ORT adds the provider factory only on success), so the same options still make a CPU session.
/// </summary>
internal static unsafe class ExecutionProviderAppender
{
    public static ExecutionProviderSelection Append(OrtSessionOptions options, ExecutionProviderRequest request)
    {
        if (request is AutoProviderRequest auto)
        {
            return AppendAuto(options, auto);
        }
        AppendExplicit(options, request);
        return new ExecutionProviderSelection(new[] { request.Kind }, Array.Empty<ExecutionProviderFailure>());
    }

    private static void AppendExplicit(OrtSessionOptions options, ExecutionProviderRequest request)
    {
        try
        {
            AppendOne(options, request);
        }
        catch (OrtException e)
        {
            throw new ExecutionProviderUnavailableException(request.Kind, e.OrtMessage, e);
        }
    }

    private static ExecutionProviderSelection AppendAuto(OrtSessionOptions options, AutoProviderRequest auto)
    {
        var failures = new List<ExecutionProviderFailure>();
        foreach (var kind in AutoProviderRequest.Order)
        {
            ExecutionProviderRequest request = kind switch
            {
                ExecutionProviderKind.TensorRt => new TensorRtProviderRequest(auto.DeviceId),
                ExecutionProviderKind.Cuda => new CudaProviderRequest(auto.DeviceId),
                ExecutionProviderKind.DirectMl => new DirectMlProviderRequest(auto.DeviceId),
                _ => new CpuProviderRequest(),
            };
            try
            {
                AppendOne(options, request);
            }
            catch (OrtException e)
            {
                failures.Add(new ExecutionProviderFailure(kind, e.OrtMessage));
                continue;
            }
            var appended = new List<ExecutionProviderKind> { kind };
            if (kind == ExecutionProviderKind.TensorRt)
            {
                try
                {
                    AppendOne(options, new CudaProviderRequest(auto.DeviceId));
                    appended.Add(ExecutionProviderKind.Cuda);
                }
                catch (OrtException e)
                {
                    failures.Add(new ExecutionProviderFailure(ExecutionProviderKind.Cuda, e.OrtMessage));
                }
            }
            return new ExecutionProviderSelection(appended, failures);
        }
        throw new InvalidOperationException("The CPU provider is always appendable; the automatic order must end with it.");
    }

    private static void AppendOne(OrtSessionOptions options, ExecutionProviderRequest request)
    {
        switch (request)
        {
            case CpuProviderRequest:
                return;
            case CudaProviderRequest cuda:
                AppendCuda(options, cuda);
                return;
            case TensorRtProviderRequest tensorRt:
                AppendTensorRt(options, tensorRt);
                return;
            case DirectMlProviderRequest directMl:
                AppendDirectMl(options, directMl);
                return;
            default:
                throw new ArgumentOutOfRangeException(nameof(request), request, "Not a single provider request.");
        }
    }

    private static void AppendCuda(OrtSessionOptions options, CudaProviderRequest request)
    {
        var library = options.Library;
        var api = library.Api;
        nint cudaOptions;
        library.Check(api.CreateCudaProviderOptions(&cudaOptions));
        using var owner = library.Own(cudaOptions, OrtApiSlot.ReleaseCudaProviderOptions);
        var keys = new[] { new KeyValuePair<string, string>("device_id", request.DeviceId.ToString(System.Globalization.CultureInfo.InvariantCulture)) };
        Update(library, api.UpdateCudaProviderOptions, cudaOptions, keys);
        library.Check(api.SessionOptionsAppendExecutionProviderCudaV2(options.Native, cudaOptions));
    }

    private static void AppendTensorRt(OrtSessionOptions options, TensorRtProviderRequest request)
    {
        var library = options.Library;
        var api = library.Api;
        nint trtOptions;
        library.Check(api.CreateTensorRtProviderOptions(&trtOptions));
        using var owner = library.Own(trtOptions, OrtApiSlot.ReleaseTensorRtProviderOptions);
        Update(library, api.UpdateTensorRtProviderOptions, trtOptions, request.ToProviderOptions());
        library.Check(api.SessionOptionsAppendExecutionProviderTensorRtV2(options.Native, trtOptions));
    }

    private static void AppendDirectMl(OrtSessionOptions options, DirectMlProviderRequest request)
    {
        var library = options.Library;
        nint dmlApi;
        fixed (byte* name = NativeText.Utf8("DML"))
        {
            library.Check(library.Api.GetExecutionProviderApi(name, library.ApiVersion, &dmlApi));
        }
        var append = (delegate* unmanaged[Cdecl]<nint, int, nint>)((nint*)dmlApi)[OrtApiSlot.DmlSessionOptionsAppendExecutionProviderDml];
        library.Check(append(options.Native, request.DeviceId));
        // DirectML cannot use memory patterns (ORT's DirectML provider documentation).
        options.SetMemoryPattern(false);
    }

    private static void Update(
        OrtLibrary library,
        delegate* unmanaged[Cdecl]<nint, byte**, byte**, nuint, nint> update,
        nint providerOptions,
        IReadOnlyList<KeyValuePair<string, string>> entries)
    {
        var keys = new nint[entries.Count];
        var values = new nint[entries.Count];
        try
        {
            for (var i = 0; i < entries.Count; i++)
            {
                keys[i] = Marshal.StringToCoTaskMemUTF8(entries[i].Key);
                values[i] = Marshal.StringToCoTaskMemUTF8(entries[i].Value);
            }
            fixed (nint* k = keys)
            fixed (nint* v = values)
            {
                library.Check(update(providerOptions, (byte**)k, (byte**)v, (nuint)entries.Count));
            }
        }
        finally
        {
            foreach (var pointer in keys.Concat(values))
            {
                Marshal.FreeCoTaskMem(pointer);
            }
        }
    }
}
