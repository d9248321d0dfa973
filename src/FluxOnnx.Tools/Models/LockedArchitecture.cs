namespace FluxOnnx.Tools.Models;

/// <summary>
/// The transformer hyper-parameters a lock entry records, to cross-check what the converter detects from a checkpoint.
/// Field names follow flux <c>src/flux/model.py</c> <c>FluxParams</c>.
/// </summary>
public sealed record LockedArchitecture(int InChannels, bool GuidanceEmbed, int Depth, int DepthSingleBlocks, int HiddenSize);
