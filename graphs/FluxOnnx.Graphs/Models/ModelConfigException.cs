namespace FluxOnnx.Graphs.Models;

/// <summary>
/// A model config record (<see cref="Config"/>: <c>T5EncoderConfig</c>, <c>ClipTextConfig</c>,
/// <c>AutoencoderConfig</c>) breaks one of its invariants or could not be read: <see cref="Key"/> is the
/// reference's snake_case field (<c>num_heads</c>, <c>ch_mult</c>), <see cref="FilePath"/> the params or config file
/// it came from (null for a config built in code or derived from checkpoint shapes).
/// </summary>
public class ModelConfigException : FluxOnnxException
{
    public ModelConfigException(string config, string key, string expected, string actual, string? filePath = null, Exception? inner = null)
        : base($"{filePath ?? config}: '{key}' is {actual}; expected {expected}.", inner)
    {
        Config = config;
        Key = key;
        Expected = expected;
        Actual = actual;
        FilePath = filePath;
    }

    public string Config { get; }

    /// <summary>The field at fault, as the reference spells it ("" for the document itself).</summary>
    public string Key { get; }

    public string Expected { get; }

    /// <summary>The value found, as text (<c>missing</c> for an absent field).</summary>
    public string Actual { get; }

    public string? FilePath { get; }

    /// <summary>The same error, attributed to <paramref name="path"/>.</summary>
    public ModelConfigException InFile(string path) => new(Config, Key, Expected, Actual, path, this);
}
