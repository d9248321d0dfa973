namespace FluxOnnx.Converter.Conversion;

/// <summary>
/// The written names of <see cref="Int8Form"/>: <c>nbits</c> and <c>dynamic</c>, used by the CLI flag and the
/// manifest. Parsing is exact (lower case, no trimming), as for <c>PackageNames</c>.
/// </summary>
public static class Int8FormNames
{
    /// <summary>Every name, in declaration order.</summary>
    public static IReadOnlyList<string> All { get; } = ["nbits", "dynamic"];

    public static string Name(this Int8Form form) => form switch
    {
        Int8Form.MatMulNBits => "nbits",
        Int8Form.Dynamic => "dynamic",
        _ => throw new ArgumentOutOfRangeException(nameof(form), form, null),
    };

    public static bool TryParse(string? name, out Int8Form form)
    {
        foreach (var candidate in Enum.GetValues<Int8Form>())
        {
            if (string.Equals(name, candidate.Name(), StringComparison.Ordinal))
            {
                form = candidate;
                return true;
            }
        }
        form = default;
        return false;
    }
}
