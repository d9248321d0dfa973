using FluxOnnx.Converter.Checkpoints;
using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Weights;

namespace FluxOnnx.Converter.Conversion;

/// <summary>A component's graph, built and checked against its checkpoint, ready to be written.</summary>
/// <param name="Role">Package role (folder name), see <c>ComponentRoles</c>.</param>
/// <param name="Model">The built graph (initializers still lazy).</param>
/// <param name="Source">The checkpoint component it was built from.</param>
/// <param name="Config">The architecture config, recorded in the manifest.</param>
internal sealed record BuiltComponent(string Role, BuiltModel Model, ComponentWeightSource Source, object Config);
