using FluxOnnx.Graphs.Onnx;

namespace FluxOnnx.Graphs.Building;

public sealed partial class GraphBuilder
{
    /// <summary>
    /// Validates the graph and produces the model without weight payloads. Checks, in order: at least one output
    /// (<see cref="GraphHasNoOutputsException"/>); unique names across inputs, initializers, node outputs and
    /// graph outputs (<see cref="DuplicateValueNameException"/>); every node input and graph output defined by a
    /// graph input, an initializer or an earlier node of this builder (<see cref="UndefinedValueException"/>).
    /// The builder stays usable; each call builds a fresh proto.
    /// </summary>
    public BuiltModel Build()
    {
        if (_outputs.Count == 0)
        {
            throw new GraphHasNoOutputsException(Options.GraphName);
        }

        var defined = new HashSet<Value>(ReferenceEqualityComparer.Instance);
        var names = new HashSet<string>(StringComparer.Ordinal);
        void Define(Value v)
        {
            if (!names.Add(v.Name)) throw new DuplicateValueNameException(v.Name);
            defined.Add(v);
        }

        foreach (var v in _inputs) Define(v);
        foreach (var (v, _) in _initializers) Define(v);
        foreach (var node in _nodes)
        {
            foreach (var input in node.Inputs)
            {
                if (input is not null && !defined.Contains(input))
                {
                    throw new UndefinedValueException(node.Name, input.Name);
                }
            }
            foreach (var output in node.Outputs) Define(output);
        }
        foreach (var output in _outputs)
        {
            if (!defined.Contains(output)) throw new UndefinedValueException(null, output.Name);
        }

        var keptFloat32 = _nodes.Where(n => n.KeepFloat32).Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        return new BuiltModel(ToModelProto(), _initializers.Select(i => i.Source).ToArray(), keptFloat32);
    }

    private ModelProto ToModelProto()
    {
        var graph = new GraphProto { Name = Options.GraphName };
        graph.Input.AddRange(_inputs.Select(ToValueInfo));
        graph.Output.AddRange(_outputs.Select(ToValueInfo));
        foreach (var (value, source) in _initializers)
        {
            var tensor = new TensorProto { Name = value.Name, DataType = (int)source.ElementType };
            tensor.Dims.AddRange(source.Dims);
            graph.Initializer.Add(tensor);
        }
        graph.Node.AddRange(_nodes.Select(ToNodeProto));

        var model = new ModelProto
        {
            IrVersion = Options.IrVersion,
            ProducerName = ProducerName,
            ProducerVersion = ProducerVersion,
            DocString = DocString,
            Graph = graph,
        };
        model.OpsetImport.AddRange(_opsets.Select(o => new OperatorSetIdProto { Domain = o.Key, Version = o.Value }));
        model.MetadataProps.AddRange(_metadata.Select(kv => new StringStringEntryProto { Key = kv.Key, Value = kv.Value }));
        return model;
    }

    private static NodeProto ToNodeProto(NodeRecord node)
    {
        var proto = new NodeProto { Name = node.Name, OpType = node.OpType, Domain = node.Domain };
        // Trailing omitted optional inputs are dropped; inner ones stay as "" so positions hold.
        int count = node.Inputs.Count;
        while (count > 0 && node.Inputs[count - 1] is null) count--;
        proto.Input.AddRange(node.Inputs.Take(count).Select(v => v?.Name ?? ""));
        proto.Output.AddRange(node.Outputs.Select(v => v.Name));
        proto.Attribute.AddRange(node.Attributes.Select(a => a.Proto.Clone()));
        return proto;
    }

    private static ValueInfoProto ToValueInfo(Value value)
    {
        var tensorType = new TypeProto.Types.Tensor { ElemType = (int)value.ElementType };
        if (value.Shape.IsRanked)
        {
            tensorType.Shape = new TensorShapeProto();
            foreach (var dim in value.Shape)
            {
                var d = new TensorShapeProto.Types.Dimension();
                if (dim.Size is { } size) d.DimValue = size;
                else if (dim.Symbol is { } symbol) d.DimParam = symbol;
                tensorType.Shape.Dim.Add(d);
            }
        }
        return new ValueInfoProto { Name = value.Name, Type = new TypeProto { TensorType = tensorType } };
    }
}
