namespace FluxOnnx;

/// <summary>
/// The one spelling of <see cref="Variant"/>, <see cref="Precision"/> and <see cref="Target"/> values: the lower-case
/// names manifests store and the command line, reports and error messages use (<c>schnell</c>, <c>int8</c>,
/// <c>tensorrt</c>). Parsing is exact (ordinal, lower case): a manifest or flag spelled another way is refused.
/// </summary>
public static class PackageNames
{
    /// <summary>Every variant's name, in declaration order: schnell, dev, fill, canny, depth, kontext, redux.</summary>
    public static IReadOnlyList<string> Variants { get; } = [.. Enum.GetValues<Variant>().Select(Name)];

    /// <summary>Every precision's name, in declaration order: fp32, fp16, bf16, fp8, int8, int4.</summary>
    public static IReadOnlyList<string> Precisions { get; } = [.. Enum.GetValues<Precision>().Select(Name)];

    /// <summary>Every target's name, in declaration order: cpu, cuda, directml, tensorrt.</summary>
    public static IReadOnlyList<string> Targets { get; } = [.. Enum.GetValues<Target>().Select(Name)];

    /// <exception cref="ArgumentOutOfRangeException">A number outside the enum (a bug in the caller).</exception>
    public static string Name(this Variant variant) => variant switch
    {
        Variant.Schnell => "schnell",
        Variant.Dev => "dev",
        Variant.Fill => "fill",
        Variant.Canny => "canny",
        Variant.Depth => "depth",
        Variant.Kontext => "kontext",
        Variant.Redux => "redux",
        _ => throw new ArgumentOutOfRangeException(nameof(variant), variant, "not a Variant value"),
    };

    /// <exception cref="ArgumentOutOfRangeException">A number outside the enum (a bug in the caller).</exception>
    public static string Name(this Precision precision) => precision switch
    {
        Precision.Fp32 => "fp32",
        Precision.Fp16 => "fp16",
        Precision.Bf16 => "bf16",
        Precision.Fp8 => "fp8",
        Precision.Int8 => "int8",
        Precision.Int4 => "int4",
        _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, "not a Precision value"),
    };

    /// <exception cref="ArgumentOutOfRangeException">A number outside the enum (a bug in the caller).</exception>
    public static string Name(this Target target) => target switch
    {
        Target.Cpu => "cpu",
        Target.Cuda => "cuda",
        Target.DirectMl => "directml",
        Target.TensorRt => "tensorrt",
        _ => throw new ArgumentOutOfRangeException(nameof(target), target, "not a Target value"),
    };

    /// <summary>The variant <paramref name="name"/> spells exactly; false (and <see cref="Variant.Schnell"/>) otherwise.</summary>
    public static bool TryParse(string? name, out Variant variant) => TryParse(name, Name, out variant);

    /// <summary>The precision <paramref name="name"/> spells exactly; false (and <see cref="Precision.Fp32"/>) otherwise.</summary>
    public static bool TryParse(string? name, out Precision precision) => TryParse(name, Name, out precision);

    /// <summary>The target <paramref name="name"/> spells exactly; false (and <see cref="Target.Cpu"/>) otherwise.</summary>
    public static bool TryParse(string? name, out Target target) => TryParse(name, Name, out target);

    private static bool TryParse<TEnum>(string? name, Func<TEnum, string> spell, out TEnum value) where TEnum : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(spell(candidate), name, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }
        value = default;
        return false;
    }
}
