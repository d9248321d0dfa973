using System.Diagnostics;
using System.Runtime.InteropServices;
using FluxOnnx.Converter.Safetensors;
using FluxOnnx.Converter.Numerics;
using FluxOnnx.Runtime;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using FluxOnnx.Packaging;

namespace FluxOnnx.Tools.Debugging;

/// <summary>
/// Runs one component of a package on input tensors read from a safetensors file and writes every output to
/// another: the tool for checking a converted graph against reference tensors by hand.
/// </summary>
public static class ComponentRunner
{
    /// <exception cref="PackageException">The package or the component is missing.</exception>
    /// <exception cref="ComponentInputException">The inputs do not fit the graph.</exception>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime failed to load or run the graph.</exception>
    public static ComponentRunResult Run(ComponentRunRequest request, CancellationToken cancellationToken = default)
    {
        var package = ModelPackage.Open(request.PackagePath);
        var graphPath = package.GraphPath(request.Component);
        var settings = new SessionSettings(request.Provider, request.IntraOpThreads ?? 0);
        using var options = settings.CreateOptions(out var selection);
        using var session = new ModelSession(graphPath, options);
        using var inputsFile = SafetensorsFile.Open(request.InputsPath);

        var declared = session.Session.InputMetadata;
        foreach (var tensor in inputsFile.Tensors.Where(t => !declared.ContainsKey(t.Name)))
        {
            throw new ComponentInputException(request.InputsPath, tensor.Name, "not an input of the graph",
                string.Join(", ", declared.Keys), tensor.Name);
        }
        var values = new Dictionary<string, OrtValue>(StringComparer.Ordinal);
        try
        {
            foreach (var (name, metadata) in declared)
            {
                if (!inputsFile.TryGetInfo(name, out var info))
                {
                    throw new ComponentInputException(request.InputsPath, name, "missing from the inputs file",
                        $"a tensor named '{name}'", string.Join(", ", inputsFile.Tensors.Select(t => t.Name)));
                }
                values[name] = InputTensorLoader.Load(inputsFile, info, name, metadata);
            }
            var outputNames = session.Session.OutputNames;
            var clock = Stopwatch.StartNew();
            using var outputs = session.Run(values, outputNames, cancellationToken);
            clock.Stop();
            var written = WriteOutputs(request.OutputPath, outputNames, outputs);
            return new ComponentRunResult(selection.Primary, written, clock.Elapsed);
        }
        finally
        {
            foreach (var value in values.Values)
            {
                value.Dispose();
            }
        }
    }

    private static List<ComponentRunOutput> WriteOutputs(string path, IReadOnlyList<string> names, IReadOnlyList<OrtValue> outputs)
    {
        var declarations = new List<SafetensorsTensorDeclaration>();
        var result = new List<ComponentRunOutput>();
        for (var i = 0; i < outputs.Count; i++)
        {
            var info = outputs[i].GetTensorTypeAndShape();
            var dtype = ToDType(info.ElementDataType, names[i]);
            declarations.Add(new SafetensorsTensorDeclaration(names[i], dtype, info.Shape));
            result.Add(new ComponentRunOutput(names[i], dtype.SafetensorsName(), info.Shape));
        }
        using var writer = SafetensorsWriter.Create(path, declarations);
        foreach (var declaration in writer.WriteOrder)
        {
            var index = names.ToList().IndexOf(declaration.Name);
            writer.WriteTensor(declaration.Name, outputs[index].GetTensorMutableRawData());
        }
        writer.Complete();
        return result;
    }

    private static ElementType ToDType(TensorElementType ortType, string name)
    {
        var type = ortType.ToElementType();
        return SafetensorsDTypes.IsSupported(type)
            ? type
            : throw new NotSupportedException($"output '{name}' has element type {type.Name()}, which safetensors cannot hold");
    }
}
