using System.CommandLine;
using System.CommandLine.Parsing;

namespace FluxOnnx.Cli;

/// <summary>
/// Options whose value is one of a closed set of names (<see cref="PackageNames"/>: <c>--precision int8</c>,
/// <c>--target tensorrt</c>, <c>--variant canny</c>), parsed straight into the enum. Any other value is a parse error
/// naming the flag and the names it takes (<c>--precision: expected one of fp32, fp16, ..., got 'fp12'.</c>), so
/// <see cref="CliErrors"/> ends it with exit 2. Help and completion show the names, never the C# member names.
/// </summary>
public static class NamedValueOptions
{
    /// <summary>
    /// An option that is null when the flag is absent; the command applies its default (<c>?? Precision.Fp32</c>) and
    /// says it in <paramref name="description"/>, since help would print a default by its C# member name.
    /// </summary>
    public static Option<TEnum?> OneOf<TEnum>(string name, string description, IReadOnlyList<string> names, NameParser<TEnum> parse)
        where TEnum : struct, Enum
    {
        var option = new Option<TEnum?>(name)
        {
            Description = description,
            HelpName = string.Join('|', names),
            CustomParser = result => Parse(result, name, names, parse),
        };
        Complete(option, names);
        return option;
    }

    private static TEnum? Parse<TEnum>(ArgumentResult result, string flag, IReadOnlyList<string> names, NameParser<TEnum> parse)
        where TEnum : struct, Enum
    {
        var token = result.Tokens.Count == 1 ? result.Tokens[0].Value : null;
        if (parse(token, out var value))
        {
            return value;
        }
        result.AddError($"{flag}: expected one of {string.Join(", ", names)}, got '{token}'.");
        return null;
    }

    private static void Complete(Option option, IReadOnlyList<string> names)
    {
        option.CompletionSources.Clear();
        option.CompletionSources.Add([.. names]);
    }
}
