using ScottPlot;

namespace Encore.Web.Reports;

/// <summary>
/// A <see cref="ReportChart"/> drawn on the server as a PNG for the PDF (ScottPlot): grouped bars or lines, one colour
/// per series with a legend, the labels under the axis, shares read in percent. Its texts use the PDF's CJK font
/// (<see cref="PdfFonts"/>): ScottPlot's default face has no Chinese.
/// </summary>
public static class ChartImages
{
    private const string FontName = "Encore CJK";
    private static readonly Lazy<string> Font = new(() =>
    {
        Fonts.AddFontFile(FontName, PdfFonts.FontPath);
        return FontName;
    });

    private static readonly Color[] Palette =
        [Color.FromHex("#2f6fb0"), Color.FromHex("#e08a2c"), Color.FromHex("#3b9a5b"), Color.FromHex("#b0413e"), Color.FromHex("#7a5aa6"), Color.FromHex("#5b6b7c")];

    public static byte[] Png(ReportChart chart, int width, int height)
    {
        var plot = new Plot();
        var positions = Enumerable.Range(0, chart.Labels.Count).Select(i => (double)i).ToArray();
        var series = chart.Series.Where(s => s.Values.Count > 0).ToList();
        if (chart.Kind == ReportChartKind.Bar)
        {
            // Grouped: the series' bars side by side around each label.
            var slot = 0.8 / Math.Max(series.Count, 1);
            for (var s = 0; s < series.Count; s++)
            {
                var offset = (s - (series.Count - 1) / 2.0) * slot;
                var bars = series[s].Values.Take(positions.Length)
                    .Select((v, i) => new Bar { Position = positions[i] + offset, Value = v, Size = slot * 0.9, FillColor = Palette[s % Palette.Length], LineWidth = 0 })
                    .ToList();
                var plottable = plot.Add.Bars(bars);
                plottable.LegendText = series[s].Name;
            }
            plot.Axes.Margins(bottom: 0);
        }
        else
        {
            for (var s = 0; s < series.Count; s++)
            {
                var values = series[s].Values.Take(positions.Length).ToArray();
                var line = plot.Add.Scatter(positions[..values.Length], values, Palette[s % Palette.Length]);
                line.LegendText = series[s].Name;
                line.LineWidth = 2;
                line.MarkerSize = 5;
            }
        }
        // At most ~16 labels under the axis: a month's 31 days show every second or third.
        var step = Math.Max(1, (int)Math.Ceiling(chart.Labels.Count / 16.0));
        var shown = positions.Where((_, i) => i % step == 0).ToArray();
        plot.Axes.Bottom.SetTicks(shown, [.. shown.Select(p => chart.Labels[(int)p])]);
        if (chart.Percent)
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => v.ToString("0%", CultureInfo.InvariantCulture) };
        plot.Title(chart.Title);
        plot.Font.Set(Font.Value);
        if (series.Count > 1) plot.ShowLegend(Alignment.UpperRight);
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }
}
