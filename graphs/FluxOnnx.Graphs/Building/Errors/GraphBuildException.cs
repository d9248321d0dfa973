namespace FluxOnnx.Graphs.Building;

/// <summary>
/// Base of the builder's typed failures. Catch a derived type and read its properties; never parse messages.
/// </summary>
public abstract class GraphBuildException(string message) : FluxOnnxException(message);
