using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Onnx;
using FluxOnnx.Graphs.Tensors;

namespace FluxOnnx.Graphs.Passes;

/// <summary>
/// The fp16 precision as a pass over a float32 graph: every float32 activation and weight becomes float16 except
/// in the nodes graph code tagged where it emitted them (<see cref="GraphBuilder.KeepFloat32(string[])"/>, read from
/// <see cref="BuiltModel.KeptFloat32"/>); Cast nodes join the two regions and the graph's float32 I/O (the runtime
/// feeds float32):
/// <code>
///   input f32 ─Cast→f16─► converted nodes (f16 weights) ─Cast→f32─► kept nodes (f32 weights) ─Cast→f16─► … ─Cast→f32─► output f32
/// </code>
/// <para><b>Preconditions</b> (else <see cref="PassConditionException"/>): no float16 value anywhere (the pass runs
/// once, on a float32 build); no Constant/ConstantOfShape node producing float (their payloads would need
/// rewriting; the builder emits constants as initializers); no quantized Linear (MatMulNBits, DequantizeLinear).</para>
/// <para><b>Postconditions</b> (checked on the result): graph input and output types unchanged; every
/// non-Cast node reads float inputs of one type only, float32 in kept nodes and float16 in the others (Resize's
/// roi and scales stay float32 by the ONNX spec).</para>
/// <para>An initializer read by both regions is stored twice (float32, and float16 as <c>{name}/float16</c>);
/// one read by converted nodes only becomes float16 in place; weights therefore never need run-time Casts.</para>
/// </summary>
public static class Float16Pass
{
    private const string PassName = nameof(Float16Pass);

    public static BuiltModel Apply(BuiltModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var keep = model.KeptFloat32;
        var proto = model.Proto.Clone();
        var graph = proto.Graph;
        var original = ValueTypes.Infer(graph);
        CheckPreconditions(graph, original);

        var sources = model.InitializerSources.ToList();
        var initializerIndex = graph.Initializer.Select((t, i) => (t.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        var (fp16Copies, current) = ConvertInitializers(graph, keep, original, initializerIndex, sources);
        foreach (var input in graph.Input) current[input.Name] = (ElementType)input.Type.TensorType.ElemType;

        var casts = new Dictionary<(string, ElementType), string>();
        var nodes = new List<NodeProto>();
        foreach (var node in graph.Node)
        {
            bool converted = !keep.Contains(node.Name);
            for (int i = 0; i < node.Input.Count; i++)
            {
                string name = node.Input[i];
                if (name.Length == 0 || !IsFloat(current[name])) continue;
                var desired = converted && !MustStayFloat32(node, i) ? ElementType.Float16 : ElementType.Float;
                if (current[name] == desired) continue;
                if (desired == ElementType.Float16 && fp16Copies.TryGetValue(name, out var copy))
                {
                    node.Input[i] = copy;
                    continue;
                }
                node.Input[i] = CastOf(name, desired, casts, nodes, current);
            }
            if (converted && node.OpType == "Cast")
            {
                var to = node.Attribute.First(a => a.Name == "to");
                if (to.I == (long)ElementType.Float) to.I = (long)ElementType.Float16;
            }
            foreach (var output in node.Output)
            {
                current[output] = ValueTypes.OutputType(node, current);
            }
            nodes.Add(node);
        }

        // Outputs: float32 again under their public names.
        foreach (var output in graph.Output)
        {
            var declared = (ElementType)output.Type.TensorType.ElemType;
            if (current[output.Name] == declared) continue;
            string inner = output.Name + "/float16";
            foreach (var node in nodes)
            {
                for (int i = 0; i < node.Output.Count; i++) if (node.Output[i] == output.Name) node.Output[i] = inner;
                for (int i = 0; i < node.Input.Count; i++) if (node.Input[i] == output.Name) node.Input[i] = inner;
            }
            current[inner] = current[output.Name];
            nodes.Add(CastNode(output.Name + "/Cast", inner, output.Name, declared));
            current[output.Name] = declared;
        }
        graph.Node.Clear();
        graph.Node.AddRange(nodes);

        CheckPostconditions(model.Proto.Graph, graph, keep);
        return new BuiltModel(proto, sources, model.KeptFloat32);
    }

    /// <summary>
    /// Float initializers read by converted nodes become float16: in place when no kept node reads them, else as
    /// a float16 copy. Returns the copies by original name and the initializers' current types.
    /// </summary>
    private static (Dictionary<string, string> Copies, Dictionary<string, ElementType> Current) ConvertInitializers(
        GraphProto graph, IReadOnlySet<string> keep, IReadOnlyDictionary<string, ElementType> original,
        Dictionary<string, int> initializerIndex, List<ITensorSource> sources)
    {
        var wantFloat16 = new HashSet<string>(StringComparer.Ordinal);
        var wantFloat32 = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in graph.Node)
        {
            bool converted = !keep.Contains(node.Name);
            for (int i = 0; i < node.Input.Count; i++)
            {
                string name = node.Input[i];
                if (!initializerIndex.ContainsKey(name) || original[name] != ElementType.Float) continue;
                (converted && !MustStayFloat32(node, i) ? wantFloat16 : wantFloat32).Add(name);
            }
        }
        foreach (var output in graph.Output) wantFloat32.Add(output.Name);

        var copies = new Dictionary<string, string>(StringComparer.Ordinal);
        var current = new Dictionary<string, ElementType>(StringComparer.Ordinal);
        foreach (var init in graph.Initializer.ToArray())
        {
            current[init.Name] = (ElementType)init.DataType;
            if (!wantFloat16.Contains(init.Name)) continue;
            int index = initializerIndex[init.Name];
            var half = new Float16TensorSource(sources[index]);
            if (wantFloat32.Contains(init.Name))
            {
                var copy = new TensorProto { Name = init.Name + "/float16", DataType = (int)ElementType.Float16 };
                copy.Dims.AddRange(init.Dims);
                graph.Initializer.Add(copy);
                sources.Add(half);
                copies[init.Name] = copy.Name;
                current[copy.Name] = ElementType.Float16;
            }
            else
            {
                init.DataType = (int)ElementType.Float16;
                sources[index] = half;
                current[init.Name] = ElementType.Float16;
            }
        }
        return (copies, current);
    }

    private static string CastOf(string name, ElementType to, Dictionary<(string, ElementType), string> casts,
        List<NodeProto> nodes, Dictionary<string, ElementType> current)
    {
        if (casts.TryGetValue((name, to), out var existing)) return existing;
        string suffix = to == ElementType.Float16 ? "float16" : "float32";
        string output = $"{name}/{suffix}";
        nodes.Add(CastNode($"{name}/Cast_{suffix}", name, output, to));
        current[output] = to;
        casts[(name, to)] = output;
        return output;
    }

    private static NodeProto CastNode(string name, string input, string output, ElementType to)
    {
        var node = new NodeProto { Name = name, OpType = "Cast" };
        node.Input.Add(input);
        node.Output.Add(output);
        node.Attribute.Add(new AttributeProto { Name = "to", Type = AttributeProto.Types.AttributeType.Int, I = (long)to });
        return node;
    }

    /// <summary>Inputs the ONNX spec types as float32 whatever the data type (Resize roi and scales).</summary>
    private static bool MustStayFloat32(NodeProto node, int input) => node.OpType == "Resize" && input is 1 or 2;

    private static bool IsFloat(ElementType t) => t is ElementType.Float or ElementType.Float16;

    private static void CheckPreconditions(GraphProto graph, IReadOnlyDictionary<string, ElementType> types)
    {
        foreach (var (name, type) in types)
        {
            if (type == ElementType.Float16) throw new PassConditionException(PassName, name, "the graph already holds float16 values");
        }
        foreach (var node in graph.Node)
        {
            if (node.OpType is "Constant" or "ConstantOfShape" && node.Output.Any(o => types[o] == ElementType.Float))
                throw new PassConditionException(PassName, node.Name, "float constants must be initializers");
            if (node.OpType is "MatMulNBits" or "DequantizeLinear" or "QuantizeLinear")
                throw new PassConditionException(PassName, node.Name, "quantized Linear weights do not combine with fp16 activations");
        }
    }

    private static void CheckPostconditions(GraphProto before, GraphProto after, IReadOnlySet<string> keep)
    {
        var types = ValueTypes.Infer(after);
        foreach (var (input, i) in after.Input.Zip(before.Input))
        {
            if (input.Type.TensorType.ElemType != i.Type.TensorType.ElemType) throw new PassConditionException(PassName, input.Name, "graph input type changed");
        }
        foreach (var output in after.Output)
        {
            if (types[output.Name] != (ElementType)output.Type.TensorType.ElemType)
                throw new PassConditionException(PassName, output.Name, "graph output is not of its declared type");
        }
        foreach (var node in after.Node.Where(n => n.OpType != "Cast"))
        {
            var expected = keep.Contains(node.Name) ? ElementType.Float : ElementType.Float16;
            for (int i = 0; i < node.Input.Count; i++)
            {
                if (node.Input[i].Length == 0 || !IsFloat(types[node.Input[i]])) continue;
                var want = MustStayFloat32(node, i) ? ElementType.Float : expected;
                if (types[node.Input[i]] != want)
                    throw new PassConditionException(PassName, node.Name, $"input {i} is {types[node.Input[i]]}, expected {want}");
            }
        }
    }
}
