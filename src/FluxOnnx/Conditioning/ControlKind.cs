namespace FluxOnnx.Conditioning;

/// <summary>What a FLUX.1 structural-control package (128 input channels) was trained on; the package variant decides.</summary>
public enum ControlKind
{
    /// <summary>FLUX.1 Canny: an edge map (BFL <c>CannyImageEncoder</c>, OpenCV Canny 50/200).</summary>
    Canny,

    /// <summary>FLUX.1 Depth: a depth map (BFL runs Depth Anything; FluxOnnx has no depth estimator and takes the map as given).</summary>
    Depth,
}
