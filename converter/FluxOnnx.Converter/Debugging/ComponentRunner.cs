using System.Diagnostics;
using System.Runtime.InteropServices;
using FluxOnnx.Converter.Safetensors;
using FluxOnnx.Numerics;
using FluxOnnx.Ort;
using FluxOnnx.Packaging;

namespace FluxOnnx.Converter.Debugging;

/// <summary>
/// Runs one component of a package on input tensors read from a safetensors file and writes every output to
/// another: the tool for checking a converted graph against reference tensors by hand.
/// </summary>
public static class ComponentRunner
{
    /// <exception cref="PackageException">The package or the component is missing.</exception>
    /// <exception cref="ComponentInputException">The inputs do not fit the graph.</exception>
    /// <exception cref="OrtException">ONNX Runtime failed to load or run the graph.</exception>
    public static ComponentRunResult Run(ComponentRunRequest request, CancellationToken cancellationToken = default)
    {
        var package = ModelPackage.Open(request.PackagePath);
        var graphPath = package.GraphPath(request.Component);
        var library = OrtLibrary.Load(request.OrtSettings);
        using var environment = new OrtEnvironment(library, new OrtEnvironmentSettings(OrtLogLevel.Error, "flux-run"));
        using var options = new OrtSessionOptions(library);
        if (request.IntraOpThreads is { } threads)
        {
            options.SetIntraOpThreads(threads);
        }
        var selection = options.AppendExecutionProvider(request.Provider);
        using var session = new OrtSession(environment, graphPath, options);
        using var inputsFile = SafetensorsFile.Open(request.InputsPath);

        var declared = session.Inputs.ToDictionary(i => i.Name, StringComparer.Ordinal);
        foreach (var tensor in inputsFile.Tensors.Where(t => !declared.ContainsKey(t.Name)))
        {
            throw new ComponentInputException(request.InputsPath, tensor.Name, "not an input of the graph",
                string.Join(", ", declared.Keys), tensor.Name);
        }
        var values = new List<KeyValuePair<string, OrtValue>>();
        try
        {
            foreach (var input in session.Inputs)
            {
                if (!inputsFile.TryGetInfo(input.Name, out var info))
                {
                    throw new ComponentInputException(request.InputsPath, input.Name, "missing from the inputs file",
                        $"a tensor named '{input.Name}'", string.Join(", ", inputsFile.Tensors.Select(t => t.Name)));
                }
                values.Add(new(input.Name, InputTensorLoader.Load(library, inputsFile, info, input)));
            }
            var clock = Stopwatch.StartNew();
            using var outputs = session.Run(values, cancellationToken: cancellationToken);
            clock.Stop();
            var written = WriteOutputs(request.OutputPath, outputs);
            return new ComponentRunResult(selection.Primary, written, clock.Elapsed);
        }
        finally
        {
            foreach (var (_, value) in values)
            {
                value.Dispose();
            }
        }
    }

    private static List<ComponentRunOutput> WriteOutputs(string path, OrtRunOutputs outputs)
    {
        var declarations = new List<SafetensorsTensorDeclaration>();
        var result = new List<ComponentRunOutput>();
        for (var i = 0; i < outputs.Count; i++)
        {
            var dtype = ToDType(outputs[i].ElementType, outputs.Names[i]);
            declarations.Add(new SafetensorsTensorDeclaration(outputs.Names[i], dtype, outputs[i].Shape));
            result.Add(new ComponentRunOutput(outputs.Names[i], dtype.SafetensorsName(), outputs[i].Shape));
        }
        using var writer = SafetensorsWriter.Create(path, declarations);
        foreach (var declaration in writer.WriteOrder)
        {
            var value = outputs[declaration.Name];
            writer.WriteTensor(declaration.Name, Bytes(value));
        }
        writer.Complete();
        return result;
    }

    private static ReadOnlySpan<byte> Bytes(OrtValue value) => value.ElementType switch
    {
        OrtElementType.Float => MemoryMarshal.AsBytes(value.GetTensorData<float>()),
        OrtElementType.Double => MemoryMarshal.AsBytes(value.GetTensorData<double>()),
        OrtElementType.Int64 => MemoryMarshal.AsBytes(value.GetTensorData<long>()),
        OrtElementType.Int32 => MemoryMarshal.AsBytes(value.GetTensorData<int>()),
        OrtElementType.Float16 or OrtElementType.BFloat16 or OrtElementType.Int16 => MemoryMarshal.AsBytes(value.GetTensorData<ushort>()),
        _ => value.GetTensorData<byte>(),
    };

    private static DType ToDType(OrtElementType type, string name) => type switch
    {
        OrtElementType.Float => DType.F32,
        OrtElementType.Double => DType.F64,
        OrtElementType.Float16 => DType.F16,
        OrtElementType.BFloat16 => DType.BF16,
        OrtElementType.Int64 => DType.I64,
        OrtElementType.Int32 => DType.I32,
        OrtElementType.Int16 => DType.I16,
        OrtElementType.Int8 => DType.I8,
        OrtElementType.UInt8 => DType.U8,
        OrtElementType.Bool => DType.BOOL,
        OrtElementType.Float8E4M3FN => DType.F8_E4M3,
        OrtElementType.Float8E5M2 => DType.F8_E5M2,
        _ => throw new NotSupportedException($"output '{name}' has element type {type}, which safetensors cannot hold"),
    };
}
