namespace FluxOnnx.Serving.Errors;

/// <summary>
/// <see cref="FluxImageService"/> was constructed with packages or options it cannot serve (code
/// <c>invalid_service_options</c>): no package, two packages under one model name, or two LoRAs under one name.
/// </summary>
public sealed class InvalidServiceOptionsException : ServingException
{
    public InvalidServiceOptionsException(string member, string problem, string? name = null)
        : base("invalid_service_options", $"{member}: {problem}")
    {
        Member = member;
        Problem = problem;
        Name = name;
    }

    /// <summary>The constructor argument or option member at fault: <c>packages</c> or <c>Loras</c>.</summary>
    public string Member { get; }

    public string Problem { get; }

    /// <summary>The name given twice, when that is the problem.</summary>
    public string? Name { get; }
}
