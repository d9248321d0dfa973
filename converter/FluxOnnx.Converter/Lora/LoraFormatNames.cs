namespace FluxOnnx.Converter.Lora;

/// <summary>The manifest spelling of each <see cref="LoraFormat"/>.</summary>
public static class LoraFormatNames
{
    public static string ManifestName(this LoraFormat format) => format switch
    {
        LoraFormat.Kohya => "kohya",
        LoraFormat.Diffusers => "diffusers",
        LoraFormat.XLabs => "xlabs",
        LoraFormat.Bfl => "bfl",
        LoraFormat.BflControl => "bfl-control",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };
}
