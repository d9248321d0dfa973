using System.Text.Json;
using System.Xml.Linq;
using FluxOnnx.Tools.Benchmarking;
using Xunit;

namespace FluxOnnx.Tools.Tests.Benchmarking;

/// <summary>JSON field names and values, markdown and SVG structure, on fixed numbers.</summary>
public sealed class BenchmarkReportRenderingTests
{
    [Fact]
    public void Timing_summary_takes_the_middle_value_or_the_mean_of_the_two_middle_values()
    {
        Assert.Equal(new TimingSummary(2, 1, 9, 3), TimingSummary.Of([9, 1, 2]));
        Assert.Equal(new TimingSummary(2.5, 1, 9, 4), TimingSummary.Of([9, 1, 2, 3]));
        Assert.Throws<ArgumentException>(() => TimingSummary.Of([]));
    }

    [Fact]
    public void Json_has_the_contract_fields_with_medians()
    {
        using var doc = JsonDocument.Parse(BenchmarkJson.Serialize(FixedReport.Create()));
        var root = doc.RootElement;
        Assert.Equal("cpu", root.GetProperty("provider").GetString());
        Assert.Equal("fp32", root.GetProperty("precision").GetString());
        Assert.Equal(64, root.GetProperty("width").GetInt32());
        Assert.Equal(48, root.GetProperty("height").GetInt32());
        Assert.Equal(3, root.GetProperty("steps").GetInt32());
        Assert.Equal(11, root.GetProperty("text_encode_ms").GetDouble());   // median of 10, 12
        Assert.Equal(92.5, root.GetProperty("step_ms").GetDouble());        // median of 80 85 90 95 100 110
        Assert.Equal(45, root.GetProperty("decode_ms").GetDouble());
        Assert.Equal(410, root.GetProperty("total_ms").GetDouble());
        Assert.Equal(512L << 20, root.GetProperty("peak_working_set_bytes").GetInt64());
        Assert.Equal(96.6, root.GetProperty("gemm_peak_gflops").GetDouble());
        Assert.Equal(2, root.GetProperty("step_gflop").GetDouble());
        Assert.Equal(21.62, root.GetProperty("step_gflops").GetDouble());   // 2 GFLOP / 92.5 ms
        Assert.Equal(146.341, root.GetProperty("images_per_minute").GetDouble());
        Assert.Equal(3, root.GetProperty("spread").GetProperty("step_by_index").GetArrayLength());
        Assert.Equal(80, root.GetProperty("spread").GetProperty("step").GetProperty("min_ms").GetDouble());
        Assert.Equal(2, root.GetProperty("per_run").GetArrayLength());
        Assert.Equal(3, root.GetProperty("per_run")[1].GetProperty("step_ms").GetArrayLength());
        Assert.Equal(3072, root.GetProperty("gemm").GetProperty("k").GetInt32());
    }

    [Fact]
    public void Json_writes_null_flops_when_the_manifest_has_no_transformer_config()
    {
        using var doc = JsonDocument.Parse(BenchmarkJson.Serialize(FixedReport.Create(stepFlops: null)));
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("step_gflops").ValueKind);
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("step_fraction_of_gemm_peak").ValueKind);
    }

    [Fact]
    public void Svg_is_well_formed_with_one_bar_per_stage_scaled_to_the_longest()
    {
        var report = FixedReport.Create();
        var svg = XDocument.Parse(StageChartSvg.Render(report));
        XNamespace ns = "http://www.w3.org/2000/svg";
        var rects = svg.Descendants(ns + "rect").ToArray();
        Assert.Equal(1 + report.Steps + 1, rects.Length); // text encoding, each step, decode
        var widths = rects.Select(r => double.Parse(r.Attribute("width")!.Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(420, widths.Max());                  // step 1 (median 105) is the longest stage
        Assert.Equal(420 * 11 / 105.0, widths[0], 1);     // text encoding, median 11
        Assert.Equal(["text encoding", "step 1", "step 2", "step 3", "decode"],
            svg.Descendants(ns + "g").Select(g => g.Elements(ns + "text").First().Value));
    }

    [Fact]
    public void Markdown_has_the_stage_table_the_inline_chart_and_escapes_the_package_path_in_svg()
    {
        var md = BenchmarkMarkdown.Render(FixedReport.Create());
        Assert.StartsWith("# flux bench\n", md);
        Assert.Contains("| stage | median ms | min ms | max ms |", md);
        Assert.Contains("| one step (all steps pooled) | 92.5 | 80.0 | 110.0 |", md);
        Assert.Contains("| total | 410.0 | 400.0 | 420.0 |", md);
        Assert.Contains("| achieved per step (median) | 21.6 GFLOP/s = 22.4 % of the GEMM probe |", md);
        int start = md.IndexOf("<svg", StringComparison.Ordinal), end = md.IndexOf("</svg>", StringComparison.Ordinal);
        Assert.True(start > 0 && end > start);
        XDocument.Parse(md[start..(end + "</svg>".Length)]);
    }
}
