namespace FluxOnnx.Tools.Comparison;

/// <summary>
/// How far package B's values of one tensor are from package A's, over every element of every compared case
/// (A is the reference). Sums run in double.
/// </summary>
/// <param name="Name">What was compared (<see cref="ComparedTensors"/>, or <c>transformer_step_i</c>).</param>
/// <param name="Elements">Number of element pairs.</param>
/// <param name="MaxAbsError">max |b − a|.</param>
/// <param name="MeanAbsError">mean |b − a|.</param>
/// <param name="CosineSimilarity">a·b / (‖a‖ ‖b‖) over the flattened tensors; 1 when both are all zero, 0 when only one is.</param>
public sealed record TensorErrors(string Name, long Elements, double MaxAbsError, double MeanAbsError, double CosineSimilarity);
