namespace FluxOnnx.Tools.Models;

/// <summary>
/// Why a lock file was rejected or a lookup failed. Carried by <see cref="ModelLockException.Reason"/> so callers
/// branch on data, never on messages.
/// </summary>
public enum ModelLockError
{
    /// <summary>The file could not be read.</summary>
    Unreadable,

    /// <summary>The file is not well-formed JSON, or repeats a key in one object.</summary>
    InvalidJson,

    /// <summary>A required field is absent.</summary>
    MissingField,

    /// <summary>A field has the wrong JSON type, or an object has a field the schema does not define.</summary>
    InvalidField,

    /// <summary>A field has the right type but an invalid value (empty name, negative size, malformed sha256, unsafe path).</summary>
    InvalidValue,

    /// <summary><c>format_version</c> is not one this reader understands.</summary>
    UnsupportedFormatVersion,

    /// <summary>Two models share a name.</summary>
    DuplicateModel,

    /// <summary>Two files of one model share a path or a role.</summary>
    DuplicateFile,

    /// <summary>A lookup named a model the lock does not list.</summary>
    UnknownModel,
}
