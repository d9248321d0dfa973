using FluxOnnx.Runtime;
using FluxOnnx.Runtime.Providers;

namespace FluxOnnx.Tools.Comparison;

/// <summary>
/// What <c>flux compare</c> asks for: two packages of the same variant run on the same inputs. Package A is the
/// reference (usually fp32), package B the candidate (a reduced-precision or otherwise re-built package).
/// </summary>
/// <param name="PackageA">Reference package folder.</param>
/// <param name="PackageB">Candidate package folder.</param>
/// <param name="InputsPath">A token-ids file (schema: <see cref="ComparisonInputsFile"/>); null to use the built-in prompts.</param>
/// <param name="Prompts">Number of built-in prompts (<see cref="ComparisonPrompts"/>) when <paramref name="InputsPath"/> is null.</param>
/// <param name="FirstSeed">Seed of the first case; case i uses FirstSeed + i.</param>
/// <param name="Width">Image width; null takes package A's manifest default (used for both).</param>
/// <param name="Height">Image height; null takes package A's manifest default (used for both).</param>
/// <param name="Steps">Denoising steps; null takes package A's manifest default (used for both).</param>
/// <param name="Provider">Execution provider of every session; null is CPU.</param>
/// <param name="IntraOpThreads">Threads per operator; 0 lets ORT choose.</param>
public sealed record CompareRequest(
    string PackageA,
    string PackageB,
    string? InputsPath = null,
    int Prompts = 1,
    ulong FirstSeed = 0,
    int? Width = null,
    int? Height = null,
    int? Steps = null,
    ExecutionProviderRequest? Provider = null,
    int IntraOpThreads = 0);
