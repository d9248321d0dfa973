using System.Globalization;
using System.Net;
using System.Text;

namespace FluxOnnx.Tools.Benchmarking;

/// <summary>
/// A horizontal bar chart of the median time per stage (text encoding, each step, decoding), as standalone SVG
/// that also renders inline in markdown viewers that allow SVG. One bar per stage, scaled to the longest; each bar
/// carries its label and milliseconds, and a <c>&lt;title&gt;</c> with the min–max spread.
/// </summary>
public static class StageChartSvg
{
    private const int LabelWidth = 120, BarArea = 420, ValueWidth = 110, RowHeight = 22, Top = 30, Bottom = 10;

    /// <summary>The stages charted, in order: (label, summary).</summary>
    public static IReadOnlyList<(string Label, TimingSummary Time)> Stages(BenchmarkReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var stages = new List<(string, TimingSummary)> { ("text encoding", report.TextEncode) };
        for (int i = 0; i < report.StepByIndex.Count; i++)
        {
            stages.Add(("step " + (i + 1).ToString(CultureInfo.InvariantCulture), report.StepByIndex[i]));
        }
        stages.Add(("decode", report.Decode));
        return stages;
    }

    public static string Render(BenchmarkReport report)
    {
        var stages = Stages(report);
        double longest = Math.Max(stages.Max(s => s.Time.MedianMs), 1e-9);
        int width = LabelWidth + BarArea + ValueWidth, height = Top + stages.Count * RowHeight + Bottom;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"  <text x=\"4\" y=\"18\" font-weight=\"bold\">Median time per stage (ms), {Escape(report.Provider)} {Escape(report.Precision.Name())}, {report.Width}×{report.Height}, {report.Steps} steps, {report.Runs.Count} runs</text>\n");
        for (int i = 0; i < stages.Count; i++)
        {
            var (label, time) = stages[i];
            int y = Top + i * RowHeight;
            double bar = BarArea * time.MedianMs / longest;
            string fill = label.StartsWith("step", StringComparison.Ordinal) ? "#4c78a8" : label == "decode" ? "#f58518" : "#54a24b";
            svg.Append(CultureInfo.InvariantCulture, $"  <g class=\"stage\">\n");
            svg.Append(CultureInfo.InvariantCulture, $"    <title>{Escape(label)}: median {time.MedianMs:F1} ms, min {time.MinMs:F1}, max {time.MaxMs:F1} ({time.Count} values)</title>\n");
            svg.Append(CultureInfo.InvariantCulture, $"    <text x=\"{LabelWidth - 6}\" y=\"{y + 15}\" text-anchor=\"end\">{Escape(label)}</text>\n");
            svg.Append(CultureInfo.InvariantCulture, $"    <rect x=\"{LabelWidth}\" y=\"{y + 3}\" width=\"{bar:F1}\" height=\"{RowHeight - 6}\" fill=\"{fill}\"/>\n");
            svg.Append(CultureInfo.InvariantCulture, $"    <text x=\"{LabelWidth + bar + 4:F1}\" y=\"{y + 15}\">{time.MedianMs:F1}</text>\n");
            svg.Append("  </g>\n");
        }
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
