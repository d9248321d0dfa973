using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Onnx;

namespace FluxOnnx.Converter.Calibration;

/// <summary>
/// Checks a <see cref="CalibrationTable"/> against the fp8 transformer graph it is meant for, built without
/// activation quantization. A Linear is a rank-2 initializer <c>{name}.weight</c>; it is quantized when that
/// initializer is FLOAT8E4M3FN.
/// </summary>
public static class CalibrationTableMatch
{
    private const string WeightSuffix = ".weight";

    /// <summary>The table's amax per Linear name, once every quantized Linear has an entry and every entry is a Linear.</summary>
    /// <exception cref="CalibrationTableMismatchException">Quantized Linears without an entry, or entries naming no Linear.</exception>
    public static IReadOnlyDictionary<string, float> AmaxFor(CalibrationTable table, string tablePath, GraphProto fp8Graph)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(fp8Graph);
        var linears = fp8Graph.Initializer
            .Where(t => t.Dims.Count == 2 && t.Name.EndsWith(WeightSuffix, StringComparison.Ordinal))
            .ToArray();
        var all = new HashSet<string>(linears.Select(t => t.Name[..^WeightSuffix.Length]), StringComparer.Ordinal);
        var amax = table.AmaxByName();
        var missing = linears
            .Where(t => t.DataType == (int)ElementType.Float8E4M3FN)
            .Select(t => t.Name[..^WeightSuffix.Length])
            .Where(name => !amax.ContainsKey(name))
            .ToArray();
        var unknown = table.Linears.Select(e => e.Name).Where(name => !all.Contains(name)).ToArray();
        if (missing.Length > 0 || unknown.Length > 0)
        {
            throw new CalibrationTableMismatchException(tablePath, missing, unknown);
        }
        return amax;
    }
}
