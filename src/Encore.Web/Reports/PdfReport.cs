using System.Text;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Encore.Web.Reports;

/// <summary>
/// A report as a PDF to print and sign (PDFsharp): A4 portrait; the title and subtitle; per section its heading, its
/// table (the header repeated at the top of every page the table runs onto, numbers right-aligned, long texts wrapped),
/// its note and its charts as images (<see cref="ChartImages"/>); "第 n 页 / 共 m 页" under every page and the
/// signature line at the end. All text is drawn with the embedded CJK font (<see cref="PdfFonts"/>), as Unicode, so
/// the PDF's text can be searched and extracted.
/// </summary>
public static class PdfReport
{
    private const double Left = 42, Top = 48, Bottom = 56, Pad = 3;
    private static readonly XColor Ink = XColor.FromArgb(0x22, 0x2b, 0x36), Muted = XColor.FromArgb(0x5b, 0x6b, 0x7c),
        HeaderFill = XColor.FromArgb(0xe7, 0xec, 0xf3), Rule = XColor.FromArgb(0xc9, 0xd1, 0xdc);

    public static byte[] Write(ReportDocument document)
    {
        PdfFonts.Install();
        using var pdf = new PdfDocument();
        pdf.Info.Title = document.Title;
        pdf.Info.Subject = document.Subtitle;
        pdf.Info.Creator = "Encore";
        var page = new Pages(pdf);

        page.Text(document.Title, Fonts.Title, Ink);
        page.Text(document.Subtitle, Fonts.Small, Muted);
        foreach (var section in document.Sections)
        {
            page.Space(14);
            Table(page, section);
            if (section.Note is { Length: > 0 } note) { page.Space(4); page.Text(note, Fonts.Small, Muted); }
            foreach (var chart in section.Charts ?? [])
            {
                page.Space(8);
                var height = page.Width * 0.45;
                page.Ensure(height);
                using var image = XImage.FromStream(new MemoryStream(ChartImages.Png(chart, 900, (int)(900 * 0.45))));
                page.Graphics.DrawImage(image, Left, page.Y, page.Width, height);
                page.Y += height;
            }
        }
        if (document.SignatureLabel is { Length: > 0 } signature) Signature(page, signature);
        page.Close();
        Number(pdf);

        using var bytes = new MemoryStream();
        pdf.Save(bytes, false);
        return bytes.ToArray();
    }

    private static void Table(Pages page, ReportSection section)
    {
        var font = Fonts.Cell;
        var columns = section.Columns;
        var cells = section.Rows.Select((row, index) => columns.Select((_, i) => i < row.Count ? ReportFiles.Text(row[i], section.CellAt(index, i), grouped: true) : "").ToArray()).ToList();
        // Each column as wide as its widest line, the table spread over the page's width (or squeezed, then wrapped).
        var natural = columns.Select((c, i) => Math.Max(page.Measure(c.Heading, Fonts.Head),
            cells.Select(r => r[i].Split('\n').Max(l => page.Measure(l, font))).DefaultIfEmpty(0).Max()) + 2 * Pad + 4).ToArray();
        var total = natural.Sum();
        var widths = natural.Select(w => total > 0 ? w * page.Width / total : 0).ToArray();
        if (total < page.Width * 0.6) widths = natural; // a narrow table stays narrow

        var headings = columns.Select(c => c.Heading).ToArray();
        var headerHeight = page.RowHeight(headings, widths, Fonts.Head);
        var numeric = columns.Select(c => c.Cell != ReportCell.Text).ToArray();
        void Header()
        {
            page.Graphics.DrawRectangle(new XSolidBrush(HeaderFill), Left, page.Y, widths.Sum(), headerHeight);
            page.Row(headings, widths, Fonts.Head, numeric, headerHeight);
        }

        var firstRow = cells.Count > 0 ? page.RowHeight(cells[0], widths, font) : 0;
        page.Ensure(Fonts.Heading.Height * 1.4 + headerHeight + firstRow);
        page.Text(section.Title, Fonts.Heading, Ink);
        page.Space(3);
        if (columns.Count == 0) return;
        Header();
        page.OnNewPage = Header;
        foreach (var row in cells)
        {
            var height = page.RowHeight(row, widths, font);
            page.Ensure(height);
            page.Row(row, widths, font, numeric, height);
        }
        page.OnNewPage = null;
    }

    private static void Signature(Pages page, string label)
    {
        page.Space(36);
        page.Ensure(48);
        var width = 200.0;
        var x = Left + page.Width - width;
        page.Y += 24;
        page.Graphics.DrawLine(new XPen(Ink, 0.8), x, page.Y, x + width, page.Y);
        page.Graphics.DrawString(label, Fonts.Small, new XSolidBrush(Muted), new XRect(x, page.Y + 4, width, 14), XStringFormats.TopCenter);
        page.Y += 20;
    }

    /// <summary>"第 n 页 / 共 m 页" under every page, once the number of pages is known.</summary>
    private static void Number(PdfDocument pdf)
    {
        for (var n = 0; n < pdf.PageCount; n++)
        {
            var page = pdf.Pages[n];
            using var graphics = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
            graphics.DrawString($"第 {n + 1} 页 / 共 {pdf.PageCount} 页", Fonts.Small, new XSolidBrush(Muted),
                new XRect(0, page.Height.Point - 36, page.Width.Point, 14), XStringFormats.TopCenter);
        }
    }

    private static class Fonts
    {
        private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);
        public static readonly XFont Title = new(PdfFonts.Family, 18, XFontStyleEx.Bold, Unicode);
        public static readonly XFont Heading = new(PdfFonts.Family, 13, XFontStyleEx.Bold, Unicode);
        public static readonly XFont Head = new(PdfFonts.Family, 9, XFontStyleEx.Bold, Unicode);
        public static readonly XFont Cell = new(PdfFonts.Family, 9, XFontStyleEx.Regular, Unicode);
        public static readonly XFont Small = new(PdfFonts.Family, 8.5, XFontStyleEx.Regular, Unicode);
    }

    /// <summary>The pages as they are written: the current page's graphics and the line the next thing goes on.</summary>
    private sealed class Pages(PdfDocument pdf)
    {
        private PdfPage? page;
        private XGraphics? graphics;
        public double Y;
        public double Width => 595.28 - 2 * Left;
        /// <summary>Drawn at the top of a page a table runs onto (its header).</summary>
        public Action? OnNewPage;

        public XGraphics Graphics => graphics ?? NewPage();

        public XGraphics NewPage()
        {
            graphics?.Dispose();
            page = pdf.AddPage();
            page.Size = PageSize.A4;
            graphics = XGraphics.FromPdfPage(page);
            Y = Top;
            OnNewPage?.Invoke();
            return graphics;
        }

        /// <summary>Starts a new page unless <paramref name="height"/> more fits on this one.</summary>
        public void Ensure(double height)
        {
            if (graphics is null || Y + height > 841.89 - Bottom && Y > Top + 1) NewPage();
        }

        public void Space(double height) => Y += height;

        public double Measure(string text, XFont font) => text.Length == 0 ? 0 : Graphics.MeasureString(text, font).Width;

        /// <summary>A paragraph wrapped to the page's width.</summary>
        public void Text(string text, XFont font, XColor color)
        {
            var brush = new XSolidBrush(color);
            foreach (var line in Wrap(text, font, Width))
            {
                Ensure(font.Height * 1.25);
                if (line.Length > 0) Graphics.DrawString(line, font, brush, new XRect(Left, Y, Width, font.Height * 1.25), XStringFormats.TopLeft);
                Y += font.Height * 1.25;
            }
        }

        public double RowHeight(IReadOnlyList<string> cells, double[] widths, XFont font) =>
            cells.Select((c, i) => Wrap(c, font, widths[i] - 2 * Pad).Count).DefaultIfEmpty(1).Max() * font.Height * 1.2 + 2 * Pad;

        public void Row(IReadOnlyList<string> cells, double[] widths, XFont font, bool[] right, double height)
        {
            var brush = new XSolidBrush(Ink);
            var x = Left;
            for (var i = 0; i < cells.Count; i++)
            {
                var y = Y + Pad;
                foreach (var line in Wrap(cells[i], font, widths[i] - 2 * Pad))
                {
                    if (line.Length > 0) Graphics.DrawString(line, font, brush, new XRect(x + Pad, y, widths[i] - 2 * Pad, font.Height * 1.2), right[i] ? XStringFormats.TopRight : XStringFormats.TopLeft);
                    y += font.Height * 1.2;
                }
                x += widths[i];
            }
            Y += height;
            Graphics.DrawLine(new XPen(Rule, 0.5), Left, Y, Left + widths.Sum(), Y);
        }

        /// <summary>Lines no wider than <paramref name="width"/>: Latin text breaks at a space when it can, Chinese
        /// anywhere (it has no spaces).</summary>
        public List<string> Wrap(string text, XFont font, double width)
        {
            var lines = new List<string>();
            foreach (var paragraph in text.Replace("\r\n", "\n").Split('\n'))
            {
                var line = new StringBuilder();
                var used = 0.0;
                var lastSpace = -1;
                for (var i = 0; i < paragraph.Length; i++)
                {
                    var isPair = char.IsHighSurrogate(paragraph[i]) && i + 1 < paragraph.Length;
                    var glyph = isPair ? paragraph.Substring(i, 2) : paragraph[i].ToString();
                    var w = Measure(glyph, font);
                    if (used + w > width && line.Length > 0)
                    {
                        if (lastSpace > 0)
                        {
                            lines.Add(line.ToString(0, lastSpace).TrimEnd());
                            var rest = line.ToString(lastSpace + 1, line.Length - lastSpace - 1);
                            line.Clear().Append(rest);
                            used = Measure(rest, font);
                        }
                        else { lines.Add(line.ToString()); line.Clear(); used = 0; }
                        lastSpace = -1;
                    }
                    if (glyph == " ") lastSpace = line.Length;
                    line.Append(glyph);
                    used += w;
                    if (isPair) i++;
                }
                lines.Add(line.ToString());
            }
            return lines;
        }

        public void Close() { if (graphics is null) NewPage(); graphics?.Dispose(); graphics = null; }
    }
}
