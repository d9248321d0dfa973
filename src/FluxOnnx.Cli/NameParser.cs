namespace FluxOnnx.Cli;

/// <summary>Parses a name exactly as <see cref="PackageNames"/> spells it (<c>PackageNames.TryParse</c> fits).</summary>
public delegate bool NameParser<TEnum>(string? name, out TEnum value) where TEnum : struct, Enum;
