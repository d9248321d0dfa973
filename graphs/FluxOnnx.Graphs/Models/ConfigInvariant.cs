using System.Globalization;

namespace FluxOnnx.Graphs.Models;

/// <summary>The checks config records share; each failure is a <see cref="ModelConfigException"/> naming the field.</summary>
internal static class ConfigInvariant
{
    public static void Positive(string config, string key, int value)
    {
        if (value <= 0)
        {
            throw Broken(config, key, "a positive integer", value);
        }
    }

    public static ModelConfigException Broken(string config, string key, string expected, IFormattable actual) =>
        new(config, key, expected, actual.ToString(null, CultureInfo.InvariantCulture));
}
