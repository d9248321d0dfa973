namespace FluxOnnx.Cli;

/// <summary>
/// The command line itself is wrong in a way System.CommandLine cannot see: a flag value that does not parse
/// (<c>--outpaint 1,2,3</c>), flags that exclude each other, a missing prompt. <see cref="Flag"/> is the flag at
/// fault (<c>null</c> for the prompt argument); the message names it as the user typed it.
/// </summary>
public sealed class CliUsageException : FluxOnnxException
{
    public CliUsageException(string? flag, string message)
        : base(message)
    {
        Flag = flag;
    }

    public string? Flag { get; }
}
