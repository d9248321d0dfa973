using FluxOnnx.Graphs.Building;
using Xunit;

namespace FluxOnnx.Graphs.Tests;

public sealed class ShapeInferenceTests
{
    private readonly GraphBuilder _g = new();

    [Fact]
    public void Broadcast_aligns_from_the_right_and_expands_ones()
    {
        var a = _g.Input("a", ElementType.Float, new Shape("batch", 1, 3072));
        var b = _g.Input("b", ElementType.Float, new Shape(4096, 1));

        var sum = _g.Add(a, b);

        Assert.Equal(new Shape("batch", 4096, 3072), sum.Shape);
        Assert.Equal(ElementType.Float, sum.ElementType);
    }

    [Fact]
    public void Broadcast_of_fixed_against_symbolic_takes_the_fixed_size_and_two_symbols_give_unknown()
    {
        var a = _g.Input("a", ElementType.Float, new Shape("batch", "tokens"));
        var b = _g.Input("b", ElementType.Float, new Shape(2, "other"));

        var product = _g.Mul(a, b);

        Assert.Equal(new Shape(2, Dim.Unknown), product.Shape);
    }

    [Fact]
    public void Broadcast_of_incompatible_fixed_sizes_names_node_and_both_shapes()
    {
        var a = _g.Input("a", ElementType.Float, new Shape(3, 4));
        var b = _g.Input("b", ElementType.Float, new Shape(5));

        var error = Assert.Throws<ShapeMismatchException>(() => _g.Sub(a, b));

        Assert.Equal("/Sub", error.NodeName);
        Assert.Equal(new Shape(3, 4), error.Expected);
        Assert.Equal(new Shape(5), error.Actual);
    }

    [Fact]
    public void Binary_op_of_different_element_types_throws_with_both_types()
    {
        var a = _g.Input("a", ElementType.Float16, new Shape(3));
        var b = _g.Input("b", ElementType.Float, new Shape(3));

        var error = Assert.Throws<ElementTypeMismatchException>(() => _g.Add(a, b));

        Assert.Equal("b", error.ValueName);
        Assert.Equal(ElementType.Float16, error.Expected);
        Assert.Equal(ElementType.Float, error.Actual);
    }

    [Fact]
    public void MatMul_broadcasts_batch_dims()
    {
        var q = _g.Input("q", ElementType.Float, new Shape("batch", 24, "tokens", 128));
        var kT = _g.Input("kT", ElementType.Float, new Shape(1, 24, 128, "tokens"));

        var scores = _g.MatMul(q, kT);

        Assert.Equal(new Shape("batch", 24, "tokens", "tokens"), scores.Shape);
    }

    [Fact]
    public void MatMul_with_rank_2_weight_keeps_leading_dims()
    {
        var x = _g.Input("x", ElementType.Float, new Shape("batch", "img_tokens", 64));
        var w = _g.Input("w", ElementType.Float, new Shape(64, 3072));

        Assert.Equal(new Shape("batch", "img_tokens", 3072), _g.MatMul(x, w).Shape);
    }

    [Fact]
    public void MatMul_with_different_inner_sizes_throws()
    {
        var x = _g.Input("x", ElementType.Float, new Shape(2, 64));
        var w = _g.Input("w", ElementType.Float, new Shape(32, 8));

        var error = Assert.Throws<ShapeMismatchException>(() => _g.MatMul(x, w));

        Assert.Equal(new Shape(2, 64), error.Expected);
        Assert.Equal(new Shape(32, 8), error.Actual);
    }

    [Fact]
    public void Reshape_resolves_minus_one_by_cancelling_symbolic_dims()
    {
        var x = _g.Input("x", ElementType.Float, new Shape("batch", "img_tokens", 3072));

        var heads = _g.Reshape(x, 0, -1, 24, 128);

        Assert.Equal(new Shape("batch", "img_tokens", 24, 128), heads.Shape);
    }

    [Fact]
    public void Reshape_merging_a_symbolic_and_a_fixed_dim_gives_a_product_that_splits_back()
    {
        var x = _g.Input("x", ElementType.Float, new Shape("batch", "tokens", 24, 128));

        var flat = _g.Reshape(x, -1, 128);
        var back = _g.Reshape(flat, -1, 24, 128);

        Assert.Equal(new Shape("24*batch*tokens", 128), flat.Shape);
        Assert.Equal(new Shape("batch*tokens", 24, 128), back.Shape);
    }

    [Fact]
    public void Reshape_with_zero_copies_the_input_dim_and_fixed_dims_are_checked()
    {
        var x = _g.Input("x", ElementType.Float, new Shape(2, 6, 4));

        Assert.Equal(new Shape(2, 3, 8), _g.Reshape(x, 0, 3, -1).Shape);
        Assert.Throws<ShapeMismatchException>(() => _g.Reshape(x, 0, 5, -1));
        Assert.Throws<ShapeMismatchException>(() => _g.Reshape(x, 2, 2, 2));
    }

    [Fact]
    public void Concat_of_symbolic_dims_sums_them()
    {
        var txt = _g.Input("txt", ElementType.Float, new Shape("batch", "txt_tokens", 3072));
        var img = _g.Input("img", ElementType.Float, new Shape("batch", "img_tokens", 3072));
        var extra = _g.Input("extra", ElementType.Float, new Shape("batch", 2, 3072));

        Assert.Equal(new Shape("batch", "txt_tokens+img_tokens", 3072), _g.Concat(1, txt, img).Shape);
        Assert.Equal(new Shape("batch", "txt_tokens+2", 3072), _g.Concat(-2, txt, extra).Shape);
    }

    [Fact]
    public void Concat_of_fixed_dims_adds_them()
    {
        var a = _g.Input("a", ElementType.Float, new Shape(1, 3, 8));
        var b = _g.Input("b", ElementType.Float, new Shape(1, 5, 8));

        Assert.Equal(new Shape(1, 8, 8), _g.Concat(1, a, b).Shape);
    }

    [Fact]
    public void Layout_ops_infer_shapes()
    {
        var x = _g.Input("x", ElementType.Float, new Shape("batch", "tokens", 24, 128));

        Assert.Equal(new Shape("batch", 24, "tokens", 128), _g.Transpose(x, 0, 2, 1, 3).Shape);
        Assert.Equal(new Shape("batch", "tokens", 24, 64), _g.Slice(x, [0], [64], [3]).Shape);
        Assert.Equal(new Shape("batch", "tokens", 24, 64), _g.Slice(x, [-64], [long.MaxValue], [-1]).Shape);
        Assert.Equal(new Shape("batch", Dim.Unknown, 24, 128), _g.Slice(x, [1], [long.MaxValue], [1]).Shape);
        Assert.Equal(new Shape("batch", 1, "tokens", 24, 128), _g.Unsqueeze(x, 1).Shape);
        Assert.Equal(new Shape("batch", "tokens", 24, 128), _g.Squeeze(_g.Unsqueeze(x, 1), 1).Shape);
        Assert.Equal(new Shape(4), _g.ShapeOf(x).Shape);
        Assert.Equal(new Shape(2), _g.ShapeOf(x, 0, 2).Shape);
        Assert.Equal(new Shape("batch", 24, 128), _g.Gather(x, _g.Constant(0L), 1).Shape);
        Assert.Equal(new Shape("batch", "tokens", 1, 128), _g.ReduceMean(x, [2]).Shape);
        Assert.Equal(x.Shape, _g.Softmax(x).Shape);
        Assert.Equal(new Shape("batch", "tokens", 128), _g.ReduceMean(x, [2], keepDims: false).Shape);
    }

    [Fact]
    public void Split_into_equal_parts_and_given_sizes()
    {
        var qkv = _g.Input("qkv", ElementType.Float, new Shape("batch", "tokens", 9216));

        var parts = _g.SplitEqual(qkv, -1, 3);
        var uneven = _g.Split(qkv, 2, 3072, 6144);

        Assert.Equal(3, parts.Count);
        Assert.All(parts, p => Assert.Equal(new Shape("batch", "tokens", 3072), p.Shape));
        Assert.Equal(new Shape("batch", "tokens", 6144), uneven[1].Shape);
        Assert.Throws<ShapeMismatchException>(() => _g.Split(qkv, 2, 3072, 3072));
    }

    [Fact]
    public void Conv_and_resize_compute_spatial_dims()
    {
        var x = _g.Input("x", ElementType.Float, new Shape(1, 16, 64, "width"));
        var w = _g.Input("w", ElementType.Float, new Shape(32, 16, 3, 3));

        var same = _g.Conv(x, w, pads: [1, 1, 1, 1]);
        var down = _g.Conv(x, w, strides: [2, 2], pads: [0, 0, 1, 1]);
        var up = _g.ResizeNearest(x, 1, 1, 2, 2);

        Assert.Equal(new Shape(1, 32, 64, "width"), same.Shape);
        Assert.Equal(new Shape(1, 32, 32, Dim.Unknown), down.Shape);
        Assert.Equal(new Shape(1, 16, 128, "width*2"), up.Shape);
    }

    [Fact]
    public void Attention_ops_infer_output_layouts()
    {
        var q3 = _g.Input("q3", ElementType.Float, new Shape("batch", "tokens", 3072));
        var q4 = _g.Input("q4", ElementType.Float, new Shape("batch", 24, "tokens", 128));

        Assert.Equal(new Shape("batch", "tokens", 3072), _g.MultiHeadAttention(q3, q3, q3, 24).Shape);
        Assert.Equal(new Shape("batch", "tokens", 3072), _g.Attention(q3, q3, q3, 24, 24).Shape);
        Assert.Equal(new Shape("batch", 24, "tokens", 128), _g.Attention(q4, q4, q4, scale: 0.125f).Shape);
    }

    [Fact]
    public void MatMulNBits_checks_the_packed_layout_and_outputs_n()
    {
        var a = _g.Input("a", ElementType.Float, new Shape("tokens", 64));
        var b = _g.Input("b", ElementType.UInt8, new Shape(16, 2, 16));
        var scales = _g.Input("scales", ElementType.Float, new Shape(32));
        var wrong = _g.Input("wrong", ElementType.UInt8, new Shape(16, 4, 16));

        var y = _g.MatMulNBits(a, b, scales, null, k: 64, n: 16, bits: 4, blockSize: 32);

        Assert.Equal(new Shape("tokens", 16), y.Shape);
        var error = Assert.Throws<ShapeMismatchException>(() => _g.MatMulNBits(a, wrong, scales, null, 64, 16));
        Assert.Equal(new Shape(16, 2, 16), error.Expected);
    }

    [Fact]
    public void Quantize_and_dequantize_pick_output_types()
    {
        var w8 = _g.Input("w8", ElementType.Float8E4M3FN, new Shape(3072, 64));
        var scale = _g.Input("scale", ElementType.Float16, new Shape(3072));
        var x = _g.Input("x", ElementType.Float, new Shape(4));

        var w = _g.DequantizeLinear(w8, scale, axis: 0);
        var q = _g.QuantizeLinear(x, _g.Constant(0.5f), outputType: ElementType.Float8E4M3FN);

        Assert.Equal(ElementType.Float16, w.ElementType);
        Assert.Equal(new Shape(3072, 64), w.Shape);
        Assert.Equal(ElementType.Float8E4M3FN, q.ElementType);
    }
}
