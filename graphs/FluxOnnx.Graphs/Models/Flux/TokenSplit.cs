using FluxOnnx.Graphs.Building;

namespace FluxOnnx.Graphs.Models.Flux;

/// <summary>
/// Undoes the joint sequence <c>cat((txt, img), dim=1)</c> of model.py and DoubleStreamBlock:
/// <c>x[:, :txt_len]</c> and <c>x[:, txt_len:]</c>. Both token counts are symbolic, so the split sizes come from
/// the runtime shapes of the two streams.
/// </summary>
public static class TokenSplit
{
    /// <summary>
    /// <code>
    ///   joint [B, T+I, C] ─Split(axis 1, sizes = (T, I) from Shape(txt), Shape(img))─► [B, T, C], [B, I, C]
    /// </code>
    /// <paramref name="txt"/> and <paramref name="img"/> only lend their token counts (axis 1).
    /// </summary>
    public static (Value Txt, Value Img) Apply(GraphBuilder g, Value joint, Value txt, Value img)
    {
        var sizes = g.Concat(0, g.ShapeOf(txt, 1, 2), g.ShapeOf(img, 1, 2));            // [2] INT64
        var parts = g.Op("Split", [joint, sizes], [NodeAttribute.Int("axis", 1)],
        [
            new TensorType(joint.ElementType, joint.Shape.With(1, txt.Shape[1])),        // [B, T, C]
            new TensorType(joint.ElementType, joint.Shape.With(1, img.Shape[1])),        // [B, I, C]
        ]);
        return (parts[0], parts[1]);
    }
}
