namespace FluxOnnx.Graphs.Building;

// Layout ops. Axes, shapes, starts and ends are constants here (opset-13+ input form, deduplicated), so the
// builder can infer output shapes; the dynamic forms take the output shape from the caller.
public sealed partial class GraphBuilder
{
    /// <summary>
    /// x reshaped to <paramref name="shape"/> (a constant): 0 copies the input dim, -1 is inferred, also across
    /// symbolic dims ([batch, img_tokens, 3072] → [0, 0, 24, 128] or [0, -1, 24, 128]).
    /// </summary>
    public Value Reshape(Value x, params long[] shape)
    {
        string node = ReserveNodeName("Reshape");
        var outShape = ReshapeShapes.Infer(node, x.Shape, shape);
        return AddNode(node, "Reshape", [x, Constant(shape)], x.ElementType, outShape);
    }

    /// <summary>
    /// x reshaped to a runtime INT64 shape <paramref name="shape"/> (e.g. from <see cref="Concat"/> of
    /// <see cref="ShapeOf"/> slices). The builder cannot see the values, so the caller declares
    /// <paramref name="outputShape"/>.
    /// </summary>
    public Value Reshape(Value x, Value shape, Shape outputShape) =>
        AddNode(ReserveNodeName("Reshape"), "Reshape", [x, shape], x.ElementType, outputShape);

    /// <summary>x with axes permuted: output axis i is input axis perm[i].</summary>
    public Value Transpose(Value x, params long[] perm)
    {
        var shape = x.Shape.IsRanked ? new Shape(perm.Select(p => x.Shape[(int)p])) : Shape.UnknownOfRank(perm.Length);
        return AddNode(ReserveNodeName("Transpose"), "Transpose", [x], x.ElementType, shape, NodeAttribute.Ints("perm", perm));
    }

    /// <summary>
    /// Values joined along <paramref name="axis"/>; that dim is the sum (symbolic: <c>"txt_tokens+img_tokens"</c>),
    /// the others must agree (a fixed dim wins over a symbolic one).
    /// </summary>
    public Value Concat(int axis, params Value[] values)
    {
        string node = ReserveNodeName("Concat");
        var first = values[0];
        foreach (var v in values.Skip(1)) RequireSameType(node, first, v);
        Shape shape = Shape.Unranked;
        if (values.All(v => v.Shape.IsRanked))
        {
            int rank = first.Rank, a = Shape.NormalizeAxis(axis, rank);
            var dims = first.Shape.ToArray();
            foreach (var v in values.Skip(1))
            {
                if (v.Rank != rank) throw new ShapeMismatchException(node, first.Shape, v.Shape, "Concat inputs differ in rank");
                for (int i = 0; i < rank; i++)
                {
                    if (i == a) dims[i] += v.Shape[i];
                    else if (dims[i].IsFixed && v.Shape[i].IsFixed && dims[i] != v.Shape[i])
                        throw new ShapeMismatchException(node, first.Shape, v.Shape, $"Concat inputs differ at axis {i}");
                    else if (!dims[i].IsFixed && !v.Shape[i].IsUnknown && (v.Shape[i].IsFixed || dims[i].IsUnknown))
                        dims[i] = v.Shape[i];
                }
            }
            shape = new Shape(dims);
        }
        return AddNode(node, "Concat", [.. values], first.ElementType, shape, NodeAttribute.Int("axis", axis));
    }

    /// <summary>x split along <paramref name="axis"/> into parts of the given sizes (a constant split input).</summary>
    public IReadOnlyList<Value> Split(Value x, int axis, params long[] sizes)
    {
        string node = ReserveNodeName("Split");
        var outputs = sizes.Select(s => new TensorType(
            x.ElementType, x.Shape.IsRanked ? x.Shape.With(axis, s) : Shape.Unranked)).ToArray();
        if (x.Shape.IsRanked && x.Shape[axis].Size is { } total && total != sizes.Sum())
        {
            throw new ShapeMismatchException(node, x.Shape, x.Shape.With(axis, sizes.Sum()), $"split sizes sum to {sizes.Sum()}, axis holds {total}");
        }
        return AddNode(node, "Split", "", [x, Constant(sizes)], [NodeAttribute.Int("axis", axis)], outputs);
    }

    /// <summary>
    /// x split along <paramref name="axis"/> into <paramref name="count"/> equal parts (qkv → q, k, v). The axis
    /// must be fixed and divisible by <paramref name="count"/>.
    /// </summary>
    public IReadOnlyList<Value> SplitEqual(Value x, int axis, int count)
    {
        if (x.Shape[axis].Size is not { } size || size % count != 0)
        {
            throw new ShapeMismatchException(ReserveNodeName("Split"), x.Shape, x.Shape,
                $"axis {axis} must be a fixed size divisible by {count}");
        }
        return Split(x, axis, Enumerable.Repeat(size / count, count).ToArray());
    }

    /// <summary>
    /// x[starts:ends:steps] on <paramref name="axes"/> (constants; steps default to 1). Ends may be
    /// <see cref="long.MaxValue"/> for "to the end". A sliced dim is fixed when the input dim is fixed; a symbolic
    /// dim sliced over its full range (0 to <see cref="long.MaxValue"/>, step 1) is kept; otherwise it is unknown.
    /// </summary>
    public Value Slice(Value x, long[] starts, long[] ends, long[] axes, long[]? steps = null)
    {
        var shape = x.Shape;
        if (shape.IsRanked)
        {
            for (int i = 0; i < axes.Length; i++)
            {
                long step = steps?[i] ?? 1;
                shape = shape.With((int)axes[i], SlicedDim(shape[(int)axes[i]], starts[i], ends[i], step));
            }
        }
        Value?[] inputs = [x, Constant(starts), Constant(ends), Constant(axes), steps is null ? null : Constant(steps)];
        return AddNode(ReserveNodeName("Slice"), "Slice", inputs, x.ElementType, shape);
    }

    /// <summary>
    /// data gathered along <paramref name="axis"/> at <paramref name="indices"/> (INT64 or INT32):
    /// data[:axis] + indices.shape + data[axis+1:]. A scalar index removes the axis.
    /// </summary>
    public Value Gather(Value data, Value indices, int axis = 0)
    {
        Shape shape = Shape.Unranked;
        if (data.Shape.IsRanked && indices.Shape.IsRanked)
        {
            int a = data.Shape.NormalizeAxis(axis);
            shape = new Shape(data.Shape.Take(a).Concat(indices.Shape).Concat(data.Shape.Skip(a + 1)));
        }
        return AddNode(ReserveNodeName("Gather"), "Gather", [data, indices], data.ElementType, shape, NodeAttribute.Int("axis", axis));
    }

    /// <summary>x with size-1 dims inserted at <paramref name="axes"/> (axes of the output, constant input).</summary>
    public Value Unsqueeze(Value x, params long[] axes)
    {
        Shape shape = Shape.Unranked;
        if (x.Shape.IsRanked)
        {
            int rank = x.Rank + axes.Length;
            var inserted = axes.Select(a => Shape.NormalizeAxis((int)a, rank)).ToHashSet();
            var rest = x.Shape.GetEnumerator();
            var dims = new Dim[rank];
            for (int i = 0; i < rank; i++)
            {
                dims[i] = inserted.Contains(i) ? 1 : rest.MoveNext() ? rest.Current : Dim.Unknown;
            }
            shape = new Shape(dims);
        }
        return AddNode(ReserveNodeName("Unsqueeze"), "Unsqueeze", [x, Constant(axes)], x.ElementType, shape);
    }

    /// <summary>x without the size-1 dims at <paramref name="axes"/> (constant input; a fixed dim there must be 1).</summary>
    public Value Squeeze(Value x, params long[] axes)
    {
        string node = ReserveNodeName("Squeeze");
        Shape shape = Shape.Unranked;
        if (x.Shape.IsRanked)
        {
            var removed = axes.Select(a => x.Shape.NormalizeAxis((int)a)).ToHashSet();
            foreach (int a in removed)
            {
                if (x.Shape[a].IsFixed && x.Shape[a].Size != 1)
                    throw new ShapeMismatchException(node, x.Shape, x.Shape.With(a, 1), $"axis {a} is not 1");
            }
            shape = new Shape(x.Shape.Where((_, i) => !removed.Contains(i)));
        }
        return AddNode(node, "Squeeze", [x, Constant(axes)], x.ElementType, shape);
    }

    /// <summary>The INT64 shape of x as a 1-D tensor, optionally dims [start, end) only (ONNX Shape-15).</summary>
    public Value ShapeOf(Value x, int? start = null, int? end = null)
    {
        Dim length = Dim.Unknown;
        if (x.Shape.IsRanked)
        {
            int rank = x.Rank;
            int s = Math.Clamp(start is { } a ? (a < 0 ? a + rank : a) : 0, 0, rank);
            int e = Math.Clamp(end is { } b ? (b < 0 ? b + rank : b) : rank, 0, rank);
            length = Math.Max(0, e - s);
        }
        var attributes = new List<NodeAttribute>();
        if (start is { } st) attributes.Add(NodeAttribute.Int("start", st));
        if (end is { } en) attributes.Add(NodeAttribute.Int("end", en));
        return AddNode(ReserveNodeName("Shape"), "Shape", "", [x], attributes, [new TensorType(ElementType.Int64, new Shape(length))])[0];
    }

    /// <summary>x broadcast to the constant <paramref name="shape"/> (numpy rules, as Expand defines them).</summary>
    public Value Expand(Value x, params long[] shape)
    {
        string node = ReserveNodeName("Expand");
        var outShape = Broadcasting.Broadcast(node, x.Shape, Shape.Of(shape));
        return AddNode(node, "Expand", [x, Constant(shape)], x.ElementType, outShape);
    }

    /// <summary>x broadcast to a runtime INT64 <paramref name="shape"/>; the caller declares <paramref name="outputShape"/>.</summary>
    public Value Expand(Value x, Value shape, Shape outputShape) =>
        AddNode(ReserveNodeName("Expand"), "Expand", [x, shape], x.ElementType, outputShape);

    /// <summary>
    /// [start, start + delta, ...) below <paramref name="limit"/>: scalars of one numeric type. The length is known
    /// only to the caller (pass it, fixed or symbolic) or unknown.
    /// </summary>
    public Value Range(Value start, Value limit, Value delta, Dim? length = null)
    {
        string node = ReserveNodeName("Range");
        RequireSameType(node, start, limit);
        RequireSameType(node, start, delta);
        return AddNode(node, "Range", [start, limit, delta], start.ElementType, new Shape(length ?? Dim.Unknown));
    }

    private static Dim SlicedDim(Dim dim, long start, long end, long step)
    {
        if (dim.Size is { } n)
        {
            long Clamp(long i, long lo, long hi) => Math.Clamp(i < 0 ? i + n : i, lo, hi);
            long s = step > 0 ? Clamp(start, 0, n) : Clamp(start, -1, n - 1);
            long e = step > 0 ? Clamp(end, 0, n) : Clamp(end, -1, n - 1);
            long count = step > 0 ? (e - s + step - 1) / step : (s - e + (-step) - 1) / (-step);
            return Math.Max(0, count);
        }
        if (start == 0 && end == long.MaxValue && step == 1) return dim;
        return Dim.Unknown;
    }
}
