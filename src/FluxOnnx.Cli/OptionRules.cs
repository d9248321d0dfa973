using System.CommandLine;

namespace FluxOnnx.Cli;

/// <summary>Value rules shared by several commands' options, checked at parse time (a failure is a parse error).</summary>
public static class OptionRules
{
    /// <summary>Refuses a negative value (e.g. <c>--threads -1</c>); absent stays absent.</summary>
    public static Option<int?> NonNegative(this Option<int?> option)
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 0 and var value)
            {
                result.AddError($"{option.Name} must be 0 or more, got {value}");
            }
        });
        return option;
    }
}
