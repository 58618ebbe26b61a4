using System.Net;
using System.Text;
using System.Text.Json;
using Encore.Web.Tests.Platform;

namespace Encore.Web.Tests.Customers;

/// <summary>
/// Issue 19: the customer import takes the files venues have — CSV as Excel in China saves it (GB18030), CSV with a
/// line break inside a quoted note, and the xlsx itself — with the rules of the CSV import: every bad line named by
/// its number in the file, and nothing filed while one is bad.
/// </summary>
public sealed class ImportFormatsTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    static ImportFormatsTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private const string Header = "name,phone,company,title,birthday,tags,notes\r\n";

    [Fact]
    public async Task A_gb18030_csv_from_excel_imports_its_chinese_unchanged()
    {
        var m05 = await app.ClientFor("m05");
        var bytes = Encoding.GetEncoding("GB18030").GetBytes(Header + "欧阳锋,13977788001,白驼山庄,庄主,1970-03-01,老客户,喜欢《沧海一声笑》\r\n黄药师,13977788002,桃花岛,岛主,,,\r\n");
        var response = await m05.PostAsync("/api/customers/import", new ByteArrayContent(bytes) { Headers = { ContentType = new("text/csv") } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, Imported(await response.Content.ReadAsStringAsync()));
        var one = app.With(db => db.Customers.Single(c => c.Phone == "13977788001"));
        Assert.Equal(("欧阳锋", "白驼山庄", "庄主", "老客户", "喜欢《沧海一声笑》", new DateOnly(1970, 3, 1)), (one.Name, one.Company, one.Title, one.Tags, one.Notes, one.Birthday!.Value));
        Assert.Equal("ouyangfeng", one.Pinyin);
        Assert.Equal("桃花岛", app.With(db => db.Customers.Single(c => c.Phone == "13977788002").Company));
    }

    [Fact]
    public async Task A_note_with_a_line_break_is_one_cell_and_a_bad_line_after_it_is_named_by_its_line_in_the_file()
    {
        var m06 = await app.ClientFor("m06");
        var note = "\"生日会常客\r\n要求 \"\"大包\"\"\"";
        var bad = Header + $"洪七公,13977788011,丐帮,,,,{note}\r\n郭靖,12345,,,,,\r\n";
        var problem = await Problem.Expect(await m06.PostAsync("/api/customers/import", new StringContent(bad, Encoding.UTF8, "text/csv")), HttpStatusCode.BadRequest);
        // The note takes lines 2–3: the bad phone is on line 4, as the venue's text editor shows it.
        Assert.Equal(["line 4"], problem.ErrorFields());
        Assert.Equal(0, app.With(db => db.Customers.Count(c => c.Phone == "13977788011")));

        var good = Header + $"洪七公,13977788011,丐帮,,,,{note}\r\n郭靖,13977788012,,,,,\r\n";
        var response = await m06.PostAsync("/api/customers/import", new StringContent(good, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, Imported(await response.Content.ReadAsStringAsync()));
        Assert.Equal("生日会常客\r\n要求 \"大包\"", app.With(db => db.Customers.Single(c => c.Phone == "13977788011").Notes));
    }

    [Fact]
    public async Task An_xlsx_as_excel_saves_it_imports_and_its_bad_rows_are_named_by_row_number()
    {
        var m07 = await app.ClientFor("m07");
        object?[] header = ["name", "phone", "company", "title", "birthday", "tags", "notes"];
        var bad = ExcelFile.Write(header,
            ["周伯通", 13977788021L, "全真教", null, new DateOnly(1960, 5, 4), "VIP", null],
            [],
            ["瑛姑", 13977788022L, null, null, new DateOnly(2999, 1, 1), null, null],
            ["一灯", "12345"]);
        var problem = await Problem.Expect(await m07.PostAsync("/api/customers/import", ExcelFile.Content(bad)), HttpStatusCode.BadRequest);
        Assert.Equal(["line 4", "line 5"], problem.ErrorFields());
        Assert.Equal(0, app.With(db => db.Customers.Count(c => c.Phone == "13977788021")));

        var good = ExcelFile.Write(header,
            ["周伯通", 13977788021L, "全真教", null, new DateOnly(1960, 5, 4), "VIP", null],
            ["瑛姑", "139 7778 8022", null, null, null, null, "多行\n备注"]);
        // As a form upload, the way the customers page sends a file.
        using var form = new MultipartFormDataContent { { ExcelFile.Content(good), "file", "客户.xlsx" } };
        var response = await m07.PostAsync("/api/customers/import", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, Imported(await response.Content.ReadAsStringAsync()));
        var one = app.With(db => db.Customers.Single(c => c.Phone == "13977788021"));
        Assert.Equal(("周伯通", "全真教", "VIP", new DateOnly(1960, 5, 4)), (one.Name, one.Company, one.Tags, one.Birthday!.Value));
        Assert.Equal("多行\n备注", app.With(db => db.Customers.Single(c => c.Phone == "13977788022").Notes));

        // Not the customer list's header: named as the CSV's is.
        var wrong = await Problem.Expect(await m07.PostAsync("/api/customers/import", ExcelFile.Content(ExcelFile.Write(["姓名", "电话"]))), HttpStatusCode.BadRequest);
        Assert.Equal(["line 1"], wrong.ErrorFields());
    }

    private static int Imported(string json) => JsonDocument.Parse(json).RootElement.GetProperty("imported").GetInt32();
}
