namespace FluxOnnx.Tools.Models;

/// <summary>Which locked value a file failed to match.</summary>
public enum MismatchedProperty
{
    /// <summary>The byte count.</summary>
    Size,

    /// <summary>The SHA-256 of the content.</summary>
    Sha256,
}
