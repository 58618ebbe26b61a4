using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Encore.Web.Tests.Platform;

/// <summary>
/// An xlsx as Excel saves a venue's list: texts in the shared string table, numbers as numbers (a phone typed into
/// a cell is one), dates as serial numbers in the built-in date format 14, a second sheet the import must ignore.
/// </summary>
public static class ExcelFile
{
    public static byte[] Write(params object?[][] rows)
    {
        using var bytes = new MemoryStream();
        using (var file = SpreadsheetDocument.Create(bytes, SpreadsheetDocumentType.Workbook))
        {
            var workbook = file.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = new Stylesheet(
                new Fonts(new Font()) { Count = 1 },
                new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
                new Borders(new Border()) { Count = 1 },
                new CellStyleFormats(new CellFormat()) { Count = 1 },
                new CellFormats(new CellFormat(), new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true }) { Count = 2 });
            var strings = new List<string>();
            var sheetData = new SheetData();
            uint rowIndex = 0;
            foreach (var values in rows)
            {
                var row = new Row { RowIndex = ++rowIndex };
                for (var i = 0; i < values.Length; i++)
                {
                    var reference = $"{(char)('A' + i)}{rowIndex}";
                    switch (values[i])
                    {
                        case null: break;
                        case string text:
                            if (!strings.Contains(text)) strings.Add(text);
                            row.Append(new Cell { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue(strings.IndexOf(text)) });
                            break;
                        case DateOnly day:
                            row.Append(new Cell { CellReference = reference, StyleIndex = 1, CellValue = new CellValue(day.ToDateTime(TimeOnly.MinValue).ToOADate()) });
                            break;
                        default:
                            row.Append(new Cell { CellReference = reference, CellValue = new CellValue(Convert.ToDouble(values[i], CultureInfo.InvariantCulture)) });
                            break;
                    }
                }
                sheetData.Append(row);
            }
            workbook.AddNewPart<SharedStringTablePart>().SharedStringTable = new SharedStringTable(strings.Select(s => new SharedStringItem(new Text(s))));
            var first = workbook.AddNewPart<WorksheetPart>();
            first.Worksheet = new Worksheet(sheetData);
            var second = workbook.AddNewPart<WorksheetPart>();
            second.Worksheet = new Worksheet(new SheetData(new Row(new Cell { CellReference = "A1", DataType = CellValues.SharedString, CellValue = new CellValue(0) }) { RowIndex = 1 }));
            workbook.Workbook.Append(new Sheets(
                new Sheet { Id = workbook.GetIdOfPart(first), SheetId = 1, Name = "客户" },
                new Sheet { Id = workbook.GetIdOfPart(second), SheetId = 2, Name = "Sheet2" }));
            workbook.Workbook.Save();
        }
        return bytes.ToArray();
    }

    public static ByteArrayContent Content(byte[] bytes, string type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(type);
        return content;
    }
}
