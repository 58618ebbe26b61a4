using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Encore.Web.Customers;
using Encore.Web.Platform;
using Encore.Web.Tests.Bookings;

namespace Encore.Web.Tests.Platform;

/// <summary>
/// Issue 13, "Words": text the system writes (fine evidence, attendance notes, a booking's history, the statement
/// CSV, the violation types) is read in the language the READER chose, whoever or whatever wrote it.
/// </summary>
public sealed partial class SystemTextTests(SystemTextTests.Venue app) : ServerTest(app), IClassFixture<SystemTextTests.Venue>
{
    public sealed class Venue : SimulatedClockFactory
    {
        protected override DateTimeOffset ClockStart => DateTimeOffset.Parse("2026-11-20T17:00:00+08:00");
    }

    private const string Night = "2026-11-20";

    [GeneratedRegex("[A-Za-z]")]
    private static partial Regex Latin();

    private async Task<JsonElement> LateFineOf(string badge, string reader, string language) =>
        (await (await app.ClientFor(reader, language: language)).GetFromJsonAsync<JsonElement>($"/api/violations?badge={badge}&month=2026-11"))
        .EnumerateArray().Single(v => v.Str("type") == "late" && v.Str("businessDay") == Night);

    /// <summary>m09 signs in at 18:05 without a call-in (once for the class: the clock only moves forward).</summary>
    private async Task SignedInLateAsync()
    {
        var m09 = app.With(db => db.MainStaff("m09").Id);
        if (app.With(db => db.AttendanceDays.Any(d => d.BusinessDay == new DateOnly(2026, 11, 20) && d.Late && d.StaffId == m09)))
            return;
        await (await app.ClientFor("gm01")).SetClockAsync(DateTimeOffset.Parse("2026-11-20T18:05:00+08:00"));
        var signIn = await (await app.ClientFor("m09")).PostAsync("/api/attendance/sign-in", null);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
    }

    [Fact]
    public async Task A_late_fine_raised_by_the_system_reads_in_Chinese_for_a_Chinese_reader_and_in_English_for_an_English_one()
    {
        await SignedInLateAsync();

        var zh = await LateFineOf("m09", "fm01", "zh-CN");
        Assert.Equal("18:05 签到，应于 18:00 前签到；未报备", zh.Str("evidence"));
        Assert.DoesNotMatch(Latin(), zh.Str("evidence"));
        Assert.Equal("迟到", zh.Str("typeName"));

        var en = await LateFineOf("m09", "fm01", "en");
        Assert.Equal("signed in at 18:05, sign-in by 18:00; no call-in", en.Str("evidence"));
        Assert.Equal("Late", en.Str("typeName"));

        // The person fined reads it in their own language too, whoever wrote it.
        Assert.Equal("signed in at 18:05, sign-in by 18:00; no call-in", (await LateFineOf("m09", "m09", "en")).Str("evidence"));
    }

    [Theory]
    [InlineData("zh-CN", "出勤|营业日|签到|签退|迟到|已报备|无工资|停止订房|业绩不计|旷工|备注", "是|否|是|是|是|否", "迟到（18:05），未报备",
        "违规与申诉", "迟到", "18:05 签到，应于 18:00 前签到；未报备", "是|否|True|False|yes|no")]
    [InlineData("en", "Attendance|Night|In|Out|Late|Called in|No pay|No booking|Performance void|Absent|Note", "yes|no|yes|yes|yes|no", "late 18:05 without call-in",
        "Violations and appeals", "Late", "signed in at 18:05, sign-in by 18:00; no call-in", "yes|no|True|False|是|否")]
    public async Task The_statement_csv_speaks_the_readers_language_with_yes_and_no(string language, string header, string flags, string note,
        string violations, string type, string evidence, string booleans)
    {
        await SignedInLateAsync();

        var rows = await CsvAsync(language);
        Assert.Equal(header.Split('|'), rows[1]);
        var day = rows.Single(r => r[0] == rows[1][0] && r.Length > 1 && r[1] == Night);
        Assert.Equal(flags.Split('|'), day[4..10]);
        Assert.Equal(note, day[10]);
        var fine = rows.Single(r => r[0] == violations && r.Length > 2 && r[1] == Night && r[2] == type);
        // Amounts are plain numbers.
        Assert.Equal(50m, decimal.Parse(fine[3], NumberStyles.Number, CultureInfo.InvariantCulture));
        Assert.Equal(evidence, fine[6]);
        // Yes and no are words of the reader's language only (never True/False), in the yes/no columns alone.
        var words = booleans.Split('|');
        Assert.All(rows.Where(r => r[0] != rows[1][0]).SelectMany(r => r), c => Assert.DoesNotContain(c, words.Take(2)));
        Assert.All(rows.SelectMany(r => r), c => Assert.DoesNotContain(c, words.Skip(2)));
        // Nothing the system wrote into the Chinese statement is in English (the first row's badge and month aside).
        if (language == "zh-CN") Assert.DoesNotMatch(Latin(), string.Join(",", rows.Skip(1).SelectMany(r => r)));
    }

    private async Task<List<string[]>> CsvAsync(string language)
    {
        var response = await (await app.ClientFor("fm01", language: language)).GetAsync("/api/statements/m09/csv?month=2026-11");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Spreadsheets.Read(await response.Content.ReadAsByteArrayAsync()).Where(r => !r.Blank).Select(r => r.Cells.ToArray()).ToList();
    }

    [Fact]
    public async Task A_verification_mismatch_reads_in_the_readers_language_with_phones_masked_for_who_may_not_see_them()
    {
        var now = await (await app.ClientFor("gm01")).NowAsync();
        var bookedPhone = DeskClient.NewPhone();
        var givenPhone = DeskClient.NewPhone();
        var booking = await (await app.ClientFor("m04")).BookAsync(now.AddMinutes(30), name: "孙先生", phone: bookedPhone);
        var host = await app.ClientFor("h02", language: "en");
        Assert.Equal(HttpStatusCode.OK, (await host.AssignAsync(booking, (await host.FreeRoomsAsync())[0])).StatusCode);
        // The desk works in English; the floor manager reading the evidence in Chinese reads it in Chinese.
        await Problem.Expect(await host.PostAsJsonAsync($"/api/bookings/{booking.Id()}/arrive", new { customerName = "李四", customerPhone = givenPhone }),
            HttpStatusCode.Conflict);
        var code = booking.Str("confirmationCode");

        async Task<string> EvidenceFor(string reader, string language) =>
            (await (await app.ClientFor(reader, language: language)).GetFromJsonAsync<JsonElement>("/api/violations?badge=m04"))
            .EnumerateArray().Single(v => v.Str("type") == "cheating" && v.Str("businessDay") == booking.Str("businessDay")).Str("evidence");

        var zh = await EvidenceFor("fm01", "zh-CN");
        Assert.Equal($"预订 {code}：客人报称 李四 / {givenPhone}；预订为 孙先生 / {bookedPhone}；前台 h02", zh);
        Assert.DoesNotMatch(Latin(), zh.Replace(code, "").Replace("h02", ""));
        Assert.Equal($"booking {code}: guest given 李四 / {givenPhone}; booked 孙先生 / {bookedPhone}; desk h02", await EvidenceFor("fm01", "en"));
        // The department head reads it in their language with both phones masked (neither customer is theirs).
        Assert.Equal($"booking {code}: guest given 李四 / {CustomerRulesMask(givenPhone)}; booked 孙先生 / {CustomerRulesMask(bookedPhone)}; desk h02",
            await EvidenceFor("dh01", "en"));

        // The booking's history reads the same way.
        var history = (await (await app.ClientFor("fm01", language: "zh-CN")).GetAsync(booking)).GetProperty("history").EnumerateArray()
            .Single(e => e.Str("kind") == "verificationFailed");
        Assert.Equal($"客人报称 李四 / {givenPhone}；预订为 孙先生 / {bookedPhone}", history.Str("detail"));
    }

    private static string CustomerRulesMask(string phone) => Encore.Web.Customers.CustomerRules.Mask(phone);

    [Fact]
    public async Task An_English_reader_sees_the_system_violation_types_in_English_and_a_name_the_GM_typed_as_typed()
    {
        var en = (await (await app.ClientFor("fm01", language: "en")).GetFromJsonAsync<JsonElement>("/api/violation-types"))
            .EnumerateArray().ToDictionary(t => t.Str("code"), t => t.Str("name"));
        Assert.Equal("Late", en["late"]);
        Assert.Equal("Absent", en["absent"]);
        Assert.Equal("Ping not answered in time (off post)", en["offPost"]);
        Assert.Equal("Cheating at arrival verification", en["cheating"]);
        Assert.All(en.Values, name => Assert.DoesNotMatch("[\u4e00-\u9fff]", name));

        var zh = (await (await app.ClientFor("fm01")).GetFromJsonAsync<JsonElement>("/api/violation-types"))
            .EnumerateArray().ToDictionary(t => t.Str("code"), t => t.Str("name"));
        Assert.Equal("旷工", zh["absent"]);
        Assert.Equal("到店核对作弊", zh["cheating"]);

        // A GM saving a seeded type from an English page keeps its Chinese name for Chinese readers; a name the GM
        // typed is shown as typed in both languages.
        var gm = await app.ClientFor("gm01", language: "en");
        Assert.Equal(HttpStatusCode.OK, (await gm.PutAsJsonAsync("/api/violation-types/emptyDiary",
            new { name = "Work diary empty 3 days running", fineMin = 100, fineMax = 100 })).StatusCode);
        Assert.Equal("工作日志连续3天为空", app.With(db => db.ViolationTypes.OfMain(db).Single(t => t.Code == "emptyDiary").Name));
        Assert.Equal(HttpStatusCode.OK, (await gm.PutAsJsonAsync("/api/violation-types/vice", new { name = "涉黄赌毒", fineMin = 0, fineMax = 0 })).StatusCode);
        var renamed = (await gm.GetFromJsonAsync<JsonElement>("/api/violation-types")).EnumerateArray().Single(t => t.Str("code") == "vice");
        Assert.Equal("涉黄赌毒", renamed.Str("name"));
    }

    [Fact]
    public void Lists_join_and_counts_agree_in_each_language()
    {
        var zh = CultureInfo.GetCultureInfo("zh-CN");
        var en = CultureInfo.GetCultureInfo("en");
        var list = PhoneText.List(["迟到", "旷工", "离岗"]);
        Assert.Equal("迟到、旷工、离岗", list.Render(_ => true, zh));
        Assert.Equal("迟到, 旷工, 离岗", list.Render(_ => true, en));
        Assert.Equal("off post 1 time in 2026-11", PhoneText.Count("fines.evidence.suspension", 1, "2026-11").Render(_ => true, en));
        Assert.Equal("off post 2 times in 2026-11", PhoneText.Count("fines.evidence.suspension", 2, "2026-11").Render(_ => true, en));
        Assert.Equal("2026-11 离岗 2 次", PhoneText.Count("fines.evidence.suspension", 2, "2026-11").Render(_ => true, zh));
        Assert.Equal("1 guest above capacity 6: 客人坚持", PhoneText.Count("bookingHistory.aboveCapacity", 1, 6, "客人坚持").Render(_ => true, en));
        // Kept as JSON and read back, a message still speaks either language; a phone in it is masked unless allowed.
        var stored = PhoneText.Parse(PhoneText.Say("bookingHistory.verificationFailed", "李四", new PhoneMention("13912345678", null), "孙先生",
            new PhoneMention("13800001111", null)).Json)!;
        Assert.Equal("guest given 李四 / 139****5678; booked 孙先生 / 138****1111", stored.Render(_ => false, en));
        Assert.Equal("客人报称 李四 / 13912345678；预订为 孙先生 / 13800001111", stored.Render(_ => true, zh));
    }
}
