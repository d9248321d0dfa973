namespace FluxOnnx.Converter.Calibration;

/// <summary>
/// A calibration table that does not fit the transformer being converted: quantized Linears it has no entry for
/// (<see cref="Missing"/>), or entries naming no Linear of the graph (<see cref="Unknown"/>).
/// </summary>
public sealed class CalibrationTableMismatchException : FluxOnnxException
{
    private const int Shown = 8;

    public CalibrationTableMismatchException(string path, IReadOnlyList<string> missing, IReadOnlyList<string> unknown)
        : base($"{path}: the calibration table does not match the transformer graph" +
            (missing.Count > 0 ? $"; no entry for {missing.Count} quantized Linear(s): {List(missing)}" : "") +
            (unknown.Count > 0 ? $"; {unknown.Count} entr(ies) name no Linear of the graph: {List(unknown)}" : ""))
    {
        Path = path;
        Missing = missing;
        Unknown = unknown;
    }

    /// <summary>The table file.</summary>
    public string Path { get; }

    /// <summary>Quantized Linears of the graph without an entry, in graph order.</summary>
    public IReadOnlyList<string> Missing { get; }

    /// <summary>Table entries that are no Linear of the graph, in table order.</summary>
    public IReadOnlyList<string> Unknown { get; }

    private static string List(IReadOnlyList<string> names) =>
        string.Join(", ", names.Take(Shown)) + (names.Count > Shown ? $" and {names.Count - Shown} more" : "");
}
