using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Encore.Domain;
using Encore.Web.Data;
using Encore.Web.Tests.Bookings;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Encore.Web.Tests.Answer;

namespace Encore.Web.Tests.Chain;

/// <summary>
/// Two venues on one installation, every route of the OpenAPI document asked across the line between them. Venue A is
/// the demo venue "main" with its demo data; venue B ("iso-b") is opened by the chain admin with a GM of the same badge
/// (gm01), then gets a floor manager and a manager under badges main has too (fm01, m01), rooms, customers (one the same
/// phone as a customer of main's), a booking, a complaint, a meeting and a course of its own. <see cref="Table"/> classifies
/// every operation of the document (a new one without a row fails the suite, naming it), and the suite proves:
/// <list type="bullet">
/// <item>no answer to B's GM, floor manager or manager carries anything of A's: the id of any row of a venue-owned table
/// of A's (A's staff and audit entries included), the full phone of A's customers, the name of A's staff, words only A's
/// calendar, templates, catalogue and rules hold — lists, reports, searches, exports, pages and the answers to writes
/// alike; figures without names (reports, complaint statistics, forecast, rotation) are B's own;</item>
/// <item>A's id, room number or badge in a path is not found for B (400, 403 or 404, never 2xx; an A-only badge 404) and
/// the row it names is unchanged; A's thing named in a body is refused; a badge both venues have, in a path or a body, is
/// B's own person;</item>
/// <item>nothing B's staff write lands in A: no audit entry they cause belongs to A's venue or names one of A's ids or
/// phones (the interceptor audits every row written, before and after), and A's rows each write could reach are compared
/// before and after;</item>
/// <item>the chain's routes refuse B's staff by role, and A's GM sees none of B's rows.</item>
/// </list>
/// Where the table says A's GM's own answer to the same request shows A's rows (<see cref="Probe.ASees"/>), it must, and
/// where it does not, it must not: a fingerprint check that could never fire fails the suite too.
/// </summary>
public sealed class TwoVenueIsolationTests(EncoreFactory app) : ServerTest(app), IClassFixture<EncoreFactory>
{
    private const string VenueB = "iso-b";
    private const string GmBPassword = "iso-b-gm-1";
    private const string FmBPassword = "iso-b-fm-1";
    private const string MBPassword = "iso-b-m01-1";
    /// <summary>A badge of A's that B does not have.</summary>
    private const string AOnlyBadge = "m05";
    /// <summary>The phone filed as a customer in both venues (each venue's own file): not one of A's fingerprints.</summary>
    private const string SharedPhone = "19955501234";
    /// <summary>The phone of A's customer B's manager books a guest with (B files its own customer): not one of A's fingerprints either.</summary>
    private const string SharedBookingPhone = "19955501235";
    private const string BRoom = "B01";

    // ───────────────────────────── the table ─────────────────────────────

    private enum Kind
    {
        /// <summary>Outside any venue: health, sign-in, the installation clock, the guest's token link.</summary>
        Outside,
        /// <summary>A chain route: only chain roles hold it; B's staff are refused by role.</summary>
        Chain,
        /// <summary>A read without a venue-owned path parameter: B's answers carry nothing of A's.</summary>
        List,
        /// <summary>A write without a venue-owned path parameter: B's answer carries nothing of A's, nothing of A's changes; a body naming A's thing is refused.</summary>
        Create,
        /// <summary>A path naming a venue-owned row by id or room number: A's is not found for B, and stays as it was.</summary>
        Owned,
        /// <summary>A path naming a person by badge: A's badge B lacks is 404; a badge both have is B's person.</summary>
        Badge,
        /// <summary>A path naming a day, month, period, role, template or code: it is read in the caller's venue only.</summary>
        Keyed,
    }

    /// <summary>Venue A's rows named by the owned probes.</summary>
    private enum Own
    {
        Booking, Customer, Session, Approval, Violation, Leave, Ping, Dispute, Department, Flag, ReturnVisit, LostItem, Valuable,
        StoredDrink, ChecklistRun, ChecklistItem, Complaint, Meeting, MeetingAction, Handover, Commendation, Appraisal, Course,
        Account, Contract, Partner, Room,
    }

    private static readonly int[] NotFound = [400, 403, 404];

    /// <summary>How one operation is asked.</summary>
    /// <param name="Url">the URL with its query (tokens in braces filled from <see cref="World"/>); null: the path as documented</param>
    /// <param name="Body">the request's body (JSON of the object, or an HttpContent as is)</param>
    /// <param name="Expect">the statuses B may get; null: any below 500 (not 401)</param>
    /// <param name="Target">A's row the path names (owned), whose row must be unchanged after a write</param>
    /// <param name="ARows">A's rows a write must leave as they were (keyed writes, creates naming A's things)</param>
    /// <param name="ASees">A's GM's answer to the same request shows A's rows (the check could fire)</param>
    private sealed record Probe(Kind Kind, string Why = "", Func<World, string[]>? Url = null, Func<World, object?>? Body = null,
        int[]? Expect = null, Own? Target = null, Func<EncoreDb, World, Task<string>>? ARows = null, bool ASees = false);

    private static Probe Outside(string why) => new(Kind.Outside, why);
    private static Probe Chain(object? body = null) => new(Kind.Chain, "only the chain admin and regional managers hold it", Body: _ => body);
    private static Probe List(params string[] urls) => new(Kind.List, Url: urls.Length == 0 ? null : _ => urls);
    private static Probe Owned(Own own, Func<World, object?>? body = null) => new(Kind.Owned, Target: own, Body: body, Expect: NotFound);
    private static Probe Badge(Func<World, object?>? body = null, string? query = null) =>
        new(Kind.Badge, Body: body, Url: query is null ? null : _ => [query]);
    private static Probe Create(Func<World, object?> body, bool refused = false, int[]? expect = null, Func<EncoreDb, World, Task<string>>? aRows = null) =>
        new(Kind.Create, Body: body, Expect: refused ? NotFound : expect, ARows: aRows);
    private static Probe Keyed(string why, string url, Func<World, object?>? body = null, int[]? expect = null,
        Func<EncoreDb, World, Task<string>>? aRows = null) =>
        new(Kind.Keyed, why, Url: _ => [url], Body: body, Expect: expect, ARows: aRows);

    private static Probe Sees(Probe p) => p with { ASees = true };

    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 1, 2, 3, 4];

    private static MultipartFormDataContent Photo()
    {
        var file = new ByteArrayContent(Png);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return new MultipartFormDataContent { { file, "photo", "evidence.png" } };
    }

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    /// <summary>Every operation of the OpenAPI document, classified. A new operation without a row fails the suite naming it.</summary>
    private static readonly Dictionary<string, Probe> Table = new()
    {
        // ── Outside any venue ──
        ["GET /health"] = Outside("liveness of the process, no venue, no data"),
        ["GET /health/ready"] = Outside("readiness of the database, no venue, no data"),
        ["POST /api/auth/login"] = Outside("signs in to the venue the body names (every suite's setup signs in to both)"),
        ["POST /api/auth/refresh"] = Outside("renews the caller's own token, keyed by it"),
        ["POST /api/auth/logout"] = Outside("ends the caller's own session"),
        ["GET /api/auth/me"] = Outside("the caller's own identity (asked: B's GM is B's, with B's venue id)"),
        ["GET /api/clock"] = Outside("the installation's clock, the same for every venue"),
        ["PUT /api/clock"] = Outside("the training clock of the installation (404 on the wall clock), not a venue's"),
        ["POST /api/guest/{token}"] = Outside("the guest's own link: no staff, no venue claim; the token is the key"),

        // ── The chain ──
        ["POST /api/venues"] = Chain(new { code = "iso-x", name = "x", timeZone = "Asia/Shanghai", businessDayCutoff = "06:00" }),
        ["GET /api/venues"] = Chain(),
        ["PUT /api/venues/{code}"] = Chain(new { name = "改名", region = "" }),
        ["GET /api/chain/summary"] = Chain(),
        ["GET /api/chain/regional-managers"] = Chain(),
        ["PUT /api/chain/regional-managers"] = Chain(new { venue = "main", badge = "gm01", venues = new[] { "main" } }),
        ["POST /api/chain/staff-moves"] = Chain(new { fromVenue = "main", badge = AOnlyBadge, toVenue = VenueB }),
        ["GET /api/chain/staff-moves"] = Chain(),

        // ── Staff and departments ──
        ["GET /api/staff"] = Sees(List()),
        ["POST /api/staff"] = Create(_ => new { badge = "iso-p1", name = "推广", password = "iso-b-p1-1", roles = new[] { "promoter" }, department = "营销一部", managerBadge = AOnlyBadge }, refused: true),
        ["GET /api/staff/{badge}"] = Badge(),
        ["PUT /api/staff/{badge}"] = Badge(w => new { badge = "m01", name = "B店经理小周", password = (string?)null, roles = new[] { "manager" }, department = "B店营销部", managerBadge = (string?)null }),
        ["POST /api/staff/{badge}/password"] = Badge(_ => new { password = MBPassword }),
        ["POST /api/staff/{badge}/disable"] = Badge(),
        ["POST /api/staff/{badge}/enable"] = Badge(),
        ["POST /api/staff/{badge}/unlock"] = Badge(),
        ["GET /api/departments"] = Sees(List()),
        ["POST /api/departments"] = Create(_ => new { name = "营销一部" }, expect: [201], aRows: (db, w) => Rows(db.Set<Department>().Where(d => d.VenueId == w.VenueA))),
        ["PUT /api/departments/{id}"] = Owned(Own.Department, _ => new { name = "改名部" }),
        ["PUT /api/departments/{id}/floor-manager"] = Owned(Own.Department, _ => new { badge = "fm01" }),
        ["POST /api/departments/{id}/retire"] = Owned(Own.Department),

        // ── House rules, clock-free venue settings ──
        ["GET /api/house-rules"] = Sees(List()),
        ["PUT /api/house-rules"] = Create(_ => new { note = "B 店自己的规则", bookings = new { maxDaysAhead = 20 } },
            aRows: (db, w) => Rows(db.HouseRuleVersions.Where(v => v.VenueId == w.VenueA))),
        ["GET /api/house-rules/history"] = Sees(List()),
        ["GET /api/working-calendar"] = Sees(List("/api/working-calendar?from={aDayFrom}&to={aDayTo}")),
        ["PUT /api/working-calendar/{day}"] = Keyed("a day of the caller's venue's calendar (A has an exception that day)", "/api/working-calendar/{aDay}",
            _ => new { working = true, note = "B 店补班" }, expect: [200], aRows: (db, w) => Rows(db.CalendarDays.Where(d => d.VenueId == w.VenueA))),
        ["DELETE /api/working-calendar/{day}"] = Keyed("A's exception day is none of B's: 404, A's stays", "/api/working-calendar/{aDay}",
            expect: [404], aRows: (db, w) => Rows(db.CalendarDays.Where(d => d.VenueId == w.VenueA))),

        // ── Rooms and the board ──
        ["GET /api/rooms"] = Sees(List()),
        ["POST /api/rooms"] = Create(w => new { number = w.ANumberFiledInB, type = "small", capacity = 4, minimumSpend = 300, area = "B区" }, expect: [201],
            aRows: (db, w) => Rows(db.Rooms.Where(r => r.VenueId == w.VenueA && r.Number == w.ANumberFiledInB))),
        ["POST /api/rooms/{number}/open"] = Owned(Own.Room, _ => new { walkIn = true, partySize = 2 }),
        ["POST /api/rooms/{number}/transfer"] = Owned(Own.Room, _ => new { toRoomNumber = BRoom }),
        ["POST /api/rooms/{number}/close"] = Owned(Own.Room, _ => new { spend = 100, roomCharge = 0, discount = 0 }),
        ["POST /api/rooms/{number}/release"] = Owned(Own.Room),
        ["POST /api/rooms/{number}/out-of-service"] = Owned(Own.Room, _ => new { reason = "跨店" }),
        ["GET /api/rooms/{number}/guest-link"] = Owned(Own.Room),
        ["GET /api/rooms/{number}/guest-link/qr"] = Owned(Own.Room),

        // ── Bookings and quotas ──
        ["POST /api/bookings"] = Create(w => new { customerName = "跨店", customerPhone = "18600000999", arrival = w.BArrival, partySize = 2, roomType = "small",
            customerId = w.A[Own.Customer].Id, accountId = w.A[Own.Account].Id, partnerId = w.A[Own.Partner].Id }, refused: true),
        ["GET /api/bookings"] = Sees(List("/api/bookings", "/api/bookings?businessDay={yesterday}", "/api/bookings?businessDay={today}")),
        ["GET /api/bookings/{id}"] = Owned(Own.Booking),
        ["PATCH /api/bookings/{id}"] = Owned(Own.Booking, _ => new { note = "跨店改单" }),
        ["POST /api/bookings/{id}/assign"] = Owned(Own.Booking, _ => new { roomNumber = BRoom }),
        ["POST /api/bookings/{id}/arrive"] = Owned(Own.Booking, w => new { confirmationCode = w.ABookingCode }),
        ["POST /api/bookings/{id}/cancel"] = Owned(Own.Booking, _ => new { reason = "跨店取消" }),
        ["GET /api/quotas"] = List(),
        ["POST /api/quotas/grants"] = Create(_ => new { badge = AOnlyBadge, rooms = 1, reason = "跨店" }, expect: [400, 403, 404, 409]),

        // ── Bills, spend and approvals ──
        ["GET /api/catalogue"] = Sees(List()),
        ["POST /api/catalogue"] = Create(_ => new { name = "B店果盘", category = "果盘", price = 88, active = true }, expect: [201]),
        ["PUT /api/sessions/{id}/spend"] = Owned(Own.Session, _ => new { spend = 1, roomCharge = 0 }),
        ["POST /api/pos/import"] = Create(w => Csv($"businessDay,roomNumber,spend,roomCharge\n{w.ASessionDay},{w.ASessionRoom},1.00,0\n"), refused: true,
            aRows: (db, w) => Row(db, typeof(RoomSession), w.A[Own.Session].Id)),
        ["POST /api/approvals"] = Create(w => new { roomNumber = w.A[Own.Room].Key, spend = 1000, discount = 100, reason = "跨店" }, refused: true),
        ["GET /api/approvals"] = Sees(List("/api/approvals", "/api/approvals?status=granted")),
        ["GET /api/approvals/{id}"] = Owned(Own.Approval),
        ["POST /api/approvals/{id}/grant"] = Owned(Own.Approval, _ => new { note = "跨店" }),
        ["POST /api/approvals/{id}/deny"] = Owned(Own.Approval, _ => new { note = "跨店" }),

        // ── Rotation, attendance, leave, pings, push ──
        ["GET /api/rotation"] = Sees(List("/api/rotation", "/api/rotation?businessDay={yesterday}")),
        ["GET /api/rotation/history"] = List("/api/rotation/history", "/api/rotation/history?businessDay={yesterday}", "/api/rotation/history?businessDay={aRotationDay}"),
        ["POST /api/rotation/busy"] = Create(_ => new { busy = false }),
        ["POST /api/attendance/sign-in"] = Create(_ => new { badge = AOnlyBadge }, refused: true),
        ["POST /api/attendance/sign-out"] = Create(_ => null),
        ["POST /api/attendance/call-in"] = Create(_ => new { reason = "B店堵车" }),
        ["GET /api/attendance"] = Sees(List("/api/attendance?businessDay={yesterday}")),
        ["GET /api/attendance/today"] = List(),
        ["POST /api/leave"] = Create(w => new { kind = "personal", from = w.LeaveFrom, to = w.LeaveTo, reason = "B店事假" }),
        ["GET /api/leave"] = Sees(List("/api/leave", "/api/leave?status=pending")),
        ["POST /api/leave/{id}/approve"] = Owned(Own.Leave, _ => new { note = "跨店" }),
        ["POST /api/leave/{id}/reject"] = Owned(Own.Leave, _ => new { note = "跨店" }),
        ["POST /api/leave/{id}/back"] = Owned(Own.Leave),
        ["POST /api/pings"] = Create(_ => new { badges = new[] { AOnlyBadge }, message = "跨店" }, refused: true),
        ["GET /api/pings"] = Sees(List("/api/pings", "/api/pings?businessDay={aPingDay}")),
        ["POST /api/pings/{id}/answer"] = Owned(Own.Ping),
        ["GET /api/push/key"] = List(),
        ["POST /api/push/subscriptions"] = Create(w => w.PushSubscription("https://push.example.com/iso-b/gm01")),
        ["POST /api/push/unsubscribe"] = Create(w => new { endpoint = w.APushEndpoint }, refused: true,
            aRows: (db, w) => Rows(db.Set<Encore.Web.Push.WebPushSubscription>().Where(s => s.VenueId == w.VenueA))),

        // ── Performance ──
        ["GET /api/performance-cards/{businessDay}"] = Keyed("the caller's own card; ?badge= names A's person", "/api/performance-cards/{yesterday}?badge=" + AOnlyBadge, expect: NotFound),
        ["POST /api/performance-cards/{businessDay}/sign"] = Keyed("the caller's own card of that day", "/api/performance-cards/{yesterday}/sign"),
        ["POST /api/performance-cards/{businessDay}/disputes"] = Keyed("a line of the caller's own card: A's session is none of it", "/api/performance-cards/{aSessionDay}/disputes",
            w => new { sessionId = w.A[Own.Session].Id, reason = "跨店" }, expect: NotFound,
            aRows: (db, w) => Rows(db.CardDisputes.Where(d => d.VenueId == w.VenueA))),
        ["GET /api/disputes"] = Sees(List("/api/disputes", "/api/disputes?status=open")),
        ["POST /api/disputes/{id}/decide"] = Owned(Own.Dispute, _ => new { upheld = false, decision = "跨店" }),
        ["GET /api/performance"] = Sees(List("/api/performance", "/api/performance?month={month}")),
        ["PUT /api/targets/{badge}/{month}"] = Badge(_ => new { spend = 10000, rooms = 10 }),

        // ── Violations and statements ──
        ["GET /api/violation-types"] = Sees(List()),
        ["PUT /api/violation-types/{code}"] = Keyed("a code of the caller's venue's catalogue (both venues have it)", "/api/violation-types/{aTypeCode}",
            w => w.ATypeBody, expect: [200], aRows: (db, w) => Rows(db.ViolationTypes.Where(t => t.VenueId == w.VenueA))),
        ["GET /api/violations"] = Sees(List("/api/violations", "/api/violations?month={aViolationMonth}", "/api/violations?badge=" + AOnlyBadge + "&month={aViolationMonth}")),
        ["POST /api/violations"] = Create(_ => new { badge = AOnlyBadge, type = "late", fine = 50, evidence = "跨店", reason = "跨店" }, refused: true),
        ["POST /api/violations/{id}/confirm"] = Owned(Own.Violation, _ => new { }),
        ["POST /api/violations/{id}/dismiss"] = Owned(Own.Violation, _ => new { reason = "跨店" }),
        ["POST /api/violations/{id}/appeal"] = Owned(Own.Violation, _ => new { reason = "跨店" }),
        ["POST /api/violations/{id}/decide"] = Owned(Own.Violation, _ => new { upheld = false, reason = "跨店" }),
        ["POST /api/violations/{id}/photo"] = Owned(Own.Violation, _ => Photo()),
        ["GET /api/violations/{id}/photo"] = Owned(Own.Violation),
        ["GET /api/statements/{badge}"] = Badge(query: "?month={aViolationMonth}"),
        ["GET /api/statements/{badge}/csv"] = Badge(query: "?month={aViolationMonth}"),

        // ── Customers and return visits ──
        ["POST /api/customers"] = Create(_ => new { name = "B店新客", phone = "18600000777" }, expect: [201]),
        ["GET /api/customers"] = Sees(List("/api/customers", "/api/customers?q={aPhone}", "/api/customers?q={aCustomerName}")),
        ["GET /api/customers/mine"] = List(),
        ["GET /api/customers/{id}"] = Owned(Own.Customer),
        ["PUT /api/customers/{id}"] = Owned(Own.Customer, _ => new { name = "跨店改名", phone = "18600000888" }),
        ["GET /api/customers/{id}/history"] = Owned(Own.Customer),
        ["POST /api/customers/{id}/consent"] = Owned(Own.Customer, _ => new { toBadge = "m01", reason = "跨店" }),
        ["POST /api/customers/{id}/handover"] = Owned(Own.Customer, _ => new { toBadge = "m01", reason = "跨店" }),
        ["POST /api/customers/handover"] = Create(_ => new { fromBadge = AOnlyBadge, toBadges = new[] { "m01" }, reason = "跨店" }, refused: true),
        ["PUT /api/customers/{id}/exclusive-manager"] = Owned(Own.Customer, _ => new { badge = "m01" }),
        ["GET /api/customers/today"] = Sees(List()),
        ["GET /api/customers/flags"] = Sees(List()),
        ["POST /api/customers/flags/{id}/{verdict}"] = Owned(Own.Flag),
        ["POST /api/customers/import"] = Create(_ => Csv("name,phone,company,title,birthday,tags,notes\nB店导入客,18600000666,,,,,\n")),
        ["GET /api/customers/export"] = Sees(List()),
        ["POST /api/customers/{id}/contacts"] = Owned(Own.Customer, _ => new { channel = "call", outcome = "跨店" }),
        ["GET /api/return-visits"] = Sees(List("/api/return-visits", "/api/return-visits?status=due", "/api/return-visits?status=done")),
        ["POST /api/return-visits/{id}"] = Owned(Own.ReturnVisit, _ => new { channel = "call", outcome = "跨店", satisfaction = 5 }),
        ["POST /api/customers/{id}/erase"] = Owned(Own.Customer, _ => new { reason = "跨店" }),

        // ── Guest service ──
        ["POST /api/lost-items"] = Create(w => new { roomNumber = w.A[Own.Room].Key, description = "跨店", storage = "前台" }, refused: true),
        ["GET /api/lost-items"] = Sees(List("/api/lost-items", "/api/lost-items?status=kept")),
        ["POST /api/lost-items/{id}/return"] = Owned(Own.LostItem, _ => new { claimantName = "跨店", claimantPhone = "18600000555" }),
        ["POST /api/lost-items/{id}/dispose"] = Owned(Own.LostItem, _ => new { note = "跨店" }),
        ["POST /api/valuables"] = Create(w => new { guestName = "跨店", guestPhone = "18600000444", description = "手表", roomNumber = w.A[Own.Room].Key }, refused: true),
        ["GET /api/valuables"] = Sees(List("/api/valuables", "/api/valuables?status=held")),
        ["POST /api/valuables/{id}/return"] = Owned(Own.Valuable, _ => new { receiptCode = "ABC234" }),
        ["POST /api/stored-drinks"] = Create(w => new { customerId = w.A[Own.Customer].Id, item = "跨店酒", quantity = 1 }, refused: true),
        ["GET /api/stored-drinks"] = Sees(List("/api/stored-drinks", "/api/stored-drinks?all=true")),
        ["GET /api/stored-drinks/customers"] = Sees(List("/api/stored-drinks/customers?q={aCustomerName}", "/api/stored-drinks/customers?q={aPhoneTail}")),
        ["POST /api/stored-drinks/{id}/withdraw"] = Owned(Own.StoredDrink, _ => new { quantity = 1 }),
        ["GET /api/customers/{id}/stored-drinks"] = Owned(Own.Customer),

        // ── Checklists ──
        ["GET /api/checklists/templates"] = Sees(List()),
        ["PUT /api/checklists/templates/{template}"] = Keyed("the caller's venue's template (both venues have one)", "/api/checklists/templates/roomInspection",
            _ => new { items = new[] { "B店检查一", "B店检查二" } }, expect: [200], aRows: (db, w) => Rows(db.Set<ChecklistTemplate>().Where(t => t.VenueId == w.VenueA))),
        ["POST /api/checklists/runs"] = Create(w => new { template = "roomInspection", roomNumber = w.A[Own.Room].Key }, refused: true),
        ["GET /api/checklists/runs"] = Sees(List("/api/checklists/runs", "/api/checklists/runs?businessDay={yesterday}")),
        ["GET /api/checklists/runs/{id}"] = Owned(Own.ChecklistRun),
        ["PUT /api/checklists/runs/{id}/items/{itemId}"] = Owned(Own.ChecklistItem, _ => new { ok = true }),
        ["POST /api/checklists/runs/{id}/items/{itemId}/photo"] = Owned(Own.ChecklistItem, _ => Photo()),
        ["GET /api/checklists/runs/{id}/items/{itemId}/photo"] = Owned(Own.ChecklistItem),
        ["POST /api/checklists/runs/{id}/items/{itemId}/fixed"] = Owned(Own.ChecklistItem),
        ["GET /api/checklists/closing"] = Sees(List("/api/checklists/closing", "/api/checklists/closing?businessDay={yesterday}")),

        // ── Watch, forecast ──
        ["GET /api/oversight/contacts"] = Sees(List("/api/oversight/contacts", "/api/oversight/contacts?businessDay={yesterday}")),
        ["GET /api/forecast"] = Sees(List("/api/forecast")),

        // ── Complaints, guest link ──
        ["POST /api/complaints"] = Create(w => new { category = "service", severity = "low", description = "跨店", roomNumber = w.A[Own.Room].Key,
            customerId = w.A[Own.Customer].Id, staffBadges = new[] { AOnlyBadge } }, refused: true),
        ["GET /api/complaints"] = Sees(List("/api/complaints", "/api/complaints?from={aComplaintFrom}&to={today}")),
        ["GET /api/complaints/{id}"] = Owned(Own.Complaint),
        ["GET /api/complaints/stats"] = Sees(List("/api/complaints/stats", "/api/complaints/stats?from={aComplaintFrom}&to={today}")),
        ["POST /api/complaints/{id}/acknowledge"] = Owned(Own.Complaint),
        ["POST /api/complaints/{id}/actions"] = Owned(Own.Complaint, _ => new { kind = "apology", note = "跨店" }),
        ["POST /api/complaints/{id}/resolve"] = Owned(Own.Complaint, _ => new { resolution = "跨店", satisfaction = 5 }),
        ["POST /api/complaints/{id}/fine"] = Owned(Own.Complaint, _ => new { badge = "m01" }),

        // ── Meetings ──
        ["POST /api/meetings"] = Create(w => new { kind = "weekly", startsAt = w.BArrival, agenda = "B店周会" }),
        ["GET /api/meetings"] = Sees(List("/api/meetings", "/api/meetings?from={aMeetingFrom}&to={today}")),
        ["GET /api/meetings/{id}"] = Owned(Own.Meeting),
        ["POST /api/meetings/{id}/check-in"] = Owned(Own.Meeting),
        ["PUT /api/meetings/{id}/minutes"] = Owned(Own.Meeting, _ => new { minutes = "跨店", actions = Array.Empty<object>() }),
        ["GET /api/meetings/actions"] = Sees(List("/api/meetings/actions?owner=all", "/api/meetings/actions?owner=" + AOnlyBadge)),
        ["POST /api/meetings/actions/{id}/done"] = Owned(Own.MeetingAction),

        // ── Diary, work reports, handover ──
        ["GET /api/diary"] = Sees(List("/api/diary", "/api/diary?badge=" + AOnlyBadge)),
        ["GET /api/diary/{businessDay}"] = Keyed("the diary of the caller (or ?badge= of theirs): A's person is none of B's", "/api/diary/{yesterday}?badge=" + AOnlyBadge, expect: NotFound),
        ["PUT /api/diary/{businessDay}"] = Keyed("the caller's own diary", "/api/diary/{yesterday}", _ => new { feedback = "B店反馈" },
            aRows: (db, w) => Rows(db.DiaryEntries.Where(d => d.VenueId == w.VenueA && d.BusinessDay == w.Yesterday))),
        ["POST /api/diary/{businessDay}/submit"] = Keyed("the caller's own diary", "/api/diary/{yesterday}/submit",
            aRows: (db, w) => Rows(db.DiaryEntries.Where(d => d.VenueId == w.VenueA && d.BusinessDay == w.Yesterday))),
        ["POST /api/diary/{businessDay}/comments"] = Keyed("a comment on ?badge='s diary: A's person is none of B's", "/api/diary/{yesterday}/comments?badge=" + AOnlyBadge,
            _ => new { text = "跨店" }, expect: NotFound, aRows: (db, w) => Rows(db.DiaryComments.Where(d => d.VenueId == w.VenueA))),
        ["GET /api/work-reports"] = Sees(List("/api/work-reports?period=month&start={month}", "/api/work-reports?period=month&start={month}&badge=" + AOnlyBadge)),
        ["GET /api/work-reports/{period}/{start}"] = Keyed("the report of the caller or ?badge=: A's person is none of B's", "/api/work-reports/month/{month}?badge=" + AOnlyBadge, expect: NotFound),
        ["PUT /api/work-reports/{period}/{start}"] = Keyed("the caller's own report", "/api/work-reports/month/{month}", _ => new { summary = "B店总结" },
            aRows: (db, w) => Rows(db.WorkReports.Where(r => r.VenueId == w.VenueA))),
        ["POST /api/work-reports/{period}/{start}/submit"] = Keyed("the caller's own report", "/api/work-reports/month/{month}/submit",
            aRows: (db, w) => Rows(db.WorkReports.Where(r => r.VenueId == w.VenueA))),
        ["POST /api/work-reports/{period}/{start}/comments"] = Keyed("a comment on ?badge='s report: A's person is none of B's", "/api/work-reports/month/{month}/comments?badge=" + AOnlyBadge,
            _ => new { text = "跨店" }, expect: NotFound, aRows: (db, w) => Rows(db.DiaryComments.Where(d => d.VenueId == w.VenueA))),
        ["GET /api/shift-handover/prefill"] = Sees(List()),
        ["POST /api/shift-handover"] = Create(_ => new { notes = "B店交班", openMatters = new[] { "B店事项" } }),
        ["GET /api/shift-handover"] = Sees(List("/api/shift-handover?businessDay={aHandoverDay}")),
        ["POST /api/shift-handover/{id}/acknowledge"] = Owned(Own.Handover),

        // ── Rankings, commendations, reports ──
        ["GET /api/rankings"] = Sees(List("/api/rankings", "/api/rankings?month={month}")),
        ["GET /api/rankings/star"] = Sees(List()),
        ["POST /api/commendations"] = Create(_ => new { badge = AOnlyBadge, reason = "跨店" }, refused: true),
        ["GET /api/commendations"] = Sees(List("/api/commendations", "/api/commendations?month={aCommendationMonth}")),
        ["POST /api/commendations/{id}/withdraw"] = Owned(Own.Commendation, _ => new { reason = "跨店" }),
        ["GET /api/reports/integrity"] = Sees(List("/api/reports/integrity", "/api/reports/integrity?format=csv")),
        ["GET /api/reports/integrity/{badge}"] = Badge(query: "?month={month}"),
        ["GET /api/board/replay"] = Sees(List("/api/board/replay?businessDay={yesterday}&at=22:00")),
        ["GET /api/board/replay/changes"] = Sees(List("/api/board/replay/changes?businessDay={yesterday}")),
        ["GET /api/reports/daily"] = Sees(List("/api/reports/daily?businessDay={yesterday}", "/api/reports/daily?businessDay={yesterday}&format=csv")),
        ["GET /api/reports/monthly"] = Sees(List("/api/reports/monthly", "/api/reports/monthly?format=csv")),
        ["GET /api/reports/budget/{month}"] = Keyed("the caller's venue's budget: A's month has one, B's none", "/api/reports/budget/{aBudgetMonth}", expect: [404]),
        ["PUT /api/reports/budget/{month}"] = Keyed("the caller's venue's budget for A's budget month", "/api/reports/budget/{aBudgetMonth}",
            _ => new { spend = 1000, rooms = 10, guests = 20 }, expect: [200], aRows: (db, w) => Rows(db.ReportBudgets.Where(b => b.VenueId == w.VenueA))),

        // ── Appraisal, training ──
        ["GET /api/appraisal/templates/{role}"] = Keyed("the caller's venue's template of a role", "/api/appraisal/templates/manager", expect: [200]),
        ["PUT /api/appraisal/templates/{role}"] = Keyed("the caller's venue's template of a role (both venues have one)", "/api/appraisal/templates/manager",
            _ => new { items = new[] { new { key = "bAll", name = "B店综合", weight = 100, source = "manual", scale = (object?)null } } }, expect: [200],
            aRows: (db, w) => Rows(db.Set<AppraisalTemplate>().Where(t => t.VenueId == w.VenueA))),
        ["GET /api/appraisals"] = Sees(List("/api/appraisals", "/api/appraisals?badge=" + AOnlyBadge)),
        ["POST /api/appraisals"] = Create(w => new { badge = AOnlyBadge, period = w.LastMonth }, refused: true),
        ["GET /api/appraisals/{id}"] = Owned(Own.Appraisal),
        ["PUT /api/appraisals/{id}/self"] = Owned(Own.Appraisal, _ => new { scores = new Dictionary<string, int>(), comment = "跨店" }),
        ["PUT /api/appraisals/{id}/supervisor"] = Owned(Own.Appraisal, _ => new { scores = new Dictionary<string, int>(), comment = "跨店" }),
        ["POST /api/appraisals/{id}/review"] = Owned(Own.Appraisal),
        ["POST /api/appraisals/{id}/publish"] = Owned(Own.Appraisal),
        ["POST /api/appraisals/{id}/appeal"] = Owned(Own.Appraisal, _ => new { reason = "跨店" }),
        ["POST /api/appraisals/{id}/appeal/decide"] = Owned(Own.Appraisal, _ => new { upheld = false, comment = "跨店" }),
        ["POST /api/training/courses"] = Create(w => new { title = "跨店课", startsAt = w.BArrival, trainerBadge = AOnlyBadge, audience = new[] { AOnlyBadge }, passMark = 60 }, refused: true),
        ["GET /api/training/courses"] = Sees(List("/api/training/courses", "/api/training/courses?year={aCourseYear}")),
        ["GET /api/training/courses/{id}"] = Owned(Own.Course),
        ["PUT /api/training/courses/{id}"] = Owned(Own.Course, w => new { title = "跨店课", startsAt = w.BArrival, trainerBadge = "m01", audience = new[] { "m01" }, passMark = 60 }),
        ["POST /api/training/courses/{id}/cancel"] = Owned(Own.Course),
        ["POST /api/training/courses/{id}/attendance"] = Owned(Own.Course, _ => new { badge = "m01", present = true }),
        ["POST /api/training/courses/{id}/scores"] = Owned(Own.Course, _ => new { badge = "m01", score = 80 }),
        ["GET /api/training/courses/{id}/effect"] = Owned(Own.Course),
        ["GET /api/training/records/{badge}"] = Badge(),

        // ── Corporate accounts, charged bills, partners ──
        ["POST /api/accounts"] = Create(_ => new { company = "跨店公司", contactName = "联系人", contactPhone = "18600000333", ownerBadge = AOnlyBadge }, refused: true),
        ["GET /api/accounts"] = Sees(List("/api/accounts", "/api/accounts?owner=" + AOnlyBadge)),
        ["GET /api/accounts/{id}"] = Owned(Own.Account),
        ["POST /api/accounts/{id}/activities"] = Owned(Own.Account, w => new { kind = "call", at = w.NowText, note = "跨店" }),
        ["POST /api/accounts/{id}/contacts"] = Owned(Own.Account, _ => new { name = "跨店", phone = "18600000222" }),
        ["PUT /api/accounts/{id}/stage"] = Owned(Own.Account, _ => new { stage = "lost", reason = "跨店" }),
        ["POST /api/accounts/{id}/contracts"] = Owned(Own.Account, w => new { from = w.TodayText, to = w.InAMonthText, discountRate = 0.05, creditLimit = 1000, settlement = "monthly" }),
        ["POST /api/accounts/contracts/{id}/approve"] = Owned(Own.Contract),
        ["POST /api/accounts/contracts/{id}/decline"] = Owned(Own.Contract),
        ["GET /api/accounts/renewals"] = Sees(List()),
        ["GET /api/accounts/kpis"] = Sees(List("/api/accounts/kpis", "/api/accounts/kpis?month={month}")),
        ["POST /api/accounts/research"] = Create(_ => new { title = "B店调研", note = "B店", tags = "b" }),
        ["GET /api/accounts/research"] = Sees(List()),
        ["GET /api/accounts/{id}/statement"] = Owned(Own.Account),
        ["POST /api/accounts/{id}/payments"] = Owned(Own.Account, _ => new { amount = 1 }),
        ["POST /api/partners"] = Create(w => new { name = w.APartnerName, kind = "hotel" }, expect: [201],
            aRows: (db, w) => Rows(db.Partners.Where(p => p.VenueId == w.VenueA))),
        ["GET /api/partners"] = Sees(List("/api/partners", "/api/partners?all=true")),
        ["GET /api/partners/{id}"] = Owned(Own.Partner),
        ["PUT /api/partners/{id}"] = Owned(Own.Partner, _ => new { name = "跨店伙伴", kind = "hotel" }),
        ["GET /api/partners/commissions"] = Sees(List("/api/partners/commissions", "/api/partners/commissions?month={aPartnerMonth}")),
        ["GET /api/partners/{id}/statement"] = Owned(Own.Partner),

        // ── Audit ──
        ["GET /api/audit"] = Sees(List("/api/audit", "/api/audit?actor=" + AOnlyBadge, "/api/audit?page=2")),
    };


    /// <summary>
    /// Figures without a name or id in them: B's must be B's own (B never opened a room, had no complaint from a guest
    /// before the suite, has one booking for tomorrow and nobody in its rotation that night), and A's differ, so that
    /// counting A's rows into B's answer would show.
    /// </summary>
    private static readonly (string Url, Func<JsonElement, decimal> Figure, decimal B)[] Figures =
    [
        ("/api/reports/daily?businessDay={yesterday}", j => j.GetProperty("sessions").GetDecimal() + j.GetProperty("spend").GetDecimal(), 0),
        ("/api/reports/monthly?month={yesterdayMonth}", j => j.GetProperty("sessions").GetDecimal() + j.GetProperty("spend").GetDecimal(), 0),
        ("/api/complaints/stats?from={aComplaintFrom}&to={yesterday}", j => j.GetProperty("total").GetDecimal(), 0),
        ("/api/forecast", j => j.GetProperty("days").EnumerateArray().Sum(d => d.GetProperty("bookings").GetDecimal()), 1),
        ("/api/rotation/history?businessDay={aRotationDay}", j => j.GetArrayLength(), 0),
    ];

    /// <summary>
    /// B's own rows with one of A's things named in the body (a badge, a room number, an id, a department), and a badge
    /// both venues have named in a body: refused, or B's own person; A's rows never touched.
    /// </summary>
    private static readonly (string Method, string Url, Func<World, object?> Body, int[]? Expect, string Who)[] Pointers =
    [
        ("POST", "/api/bookings/{bBooking}/assign", w => new { roomNumber = w.A[Own.Room].Key }, [400, 404, 409], "B gm01"),
        ("POST", "/api/bookings/{bBooking}/arrive", w => new { confirmationCode = w.ABookingCode }, [400, 404, 409], "B gm01"),
        ("POST", "/api/rooms/" + BRoom + "/open", w => new { bookingId = w.A[Own.Booking].Id }, [400, 404, 409], "B gm01"),
        ("POST", "/api/customers/{bCustomer}/consent", _ => new { toBadge = AOnlyBadge, reason = "跨店" }, [400, 404], "B gm01"),
        ("POST", "/api/customers/{bCustomer}/handover", _ => new { toBadge = AOnlyBadge, reason = "跨店" }, [400, 404], "B gm01"),
        ("PUT", "/api/customers/{bCustomer}/exclusive-manager", _ => new { badge = AOnlyBadge }, [400, 404, 409], "B gm01"),
        ("POST", "/api/complaints/{bComplaint}/fine", _ => new { badge = AOnlyBadge }, [400, 404], "B gm01"),
        // Beyond B's floor manager's comp authority (2,000): only an approval of B's complaint's own session would cover it, never A's.
        ("POST", "/api/complaints/{bComplaint}/actions", w => new { kind = "comp", note = "跨店", value = 2500, approvalId = w.A[Own.Approval].Id }, [400, 403, 404], "B fm01"),
        ("PUT", "/api/meetings/{bMeeting}/minutes", _ => new { minutes = "跨店", actions = new[] { new { text = "跨店", ownerBadge = AOnlyBadge, due = "{tomorrow}" } } }, [400], "B gm01"),
        ("PUT", "/api/training/courses/{bCourse}", w => new { title = "跨店课", startsAt = w.BArrival, trainerBadge = AOnlyBadge, audience = new[] { AOnlyBadge }, passMark = 60 }, [400], "B gm01"),
        ("POST", "/api/training/courses/{bCourse}/attendance", _ => new { badge = AOnlyBadge, present = true }, [400, 404, 409], "B gm01"),
        ("POST", "/api/pings", _ => new { department = "咨客部", message = "跨店" }, [400, 404], "B gm01"),
        ("PUT", "/api/staff/m01", _ => new { badge = "m01", name = "B店经理小周", roles = new[] { "manager" }, department = "咨客部" }, [400], "B gm01"),
        // A badge both venues have, in a body: B's own person.
        ("PUT", "/api/departments/{bDepartment}/floor-manager", _ => new { badge = "fm01" }, [200], "B gm01"),
        ("POST", "/api/violations", _ => new { badge = "m01", type = "late", fine = 50, evidence = "B店迟到", reason = "B店迟到" }, [201], "B gm01"),
        ("POST", "/api/commendations", _ => new { badge = "m01", reason = "B店表扬" }, [201], "B gm01"),
        ("POST", "/api/attendance/sign-in", _ => new { badge = "m01" }, null, "B gm01"),
        ("POST", "/api/appraisals", w => new { badge = "m01", period = w.LastMonth }, null, "B gm01"),
        ("POST", "/api/quotas/grants", _ => new { badge = "m01", rooms = 1, reason = "B店" }, null, "B gm01"),
        ("POST", "/api/customers/{bCustomer}/consent", _ => new { toBadge = "m01", reason = "B店" }, null, "B gm01"),
    ];

    // ───────────────────────────── the world: A's fingerprints, B's rows ─────────────────────────────

    private sealed record ARow(Type Type, Guid Id, string Key);

    /// <summary>What must not cross: ids (lower case, dashed), full phones, and texts (names of people, marked words).</summary>
    private sealed record Fingerprints(HashSet<string> Ids, HashSet<string> Phones, HashSet<string> Texts);

    /// <summary>Words venue A's GM writes into A's own calendar, catalogue and templates in the setup: B has no reason to show them.</summary>
    private static readonly string[] AMarks = ["A店独有假日", "A店独有检查项", "A店独有违规名", "A店独有考核项", "A店独有规则"];

    private sealed class World
    {
        public required Guid VenueA, VenueB;
        public required Dictionary<Own, ARow> A;
        /// <summary>Every id of a venue-owned row of A (and of A's audit entries), A's customers' full phones, the names of A's staff and A's marked words.</summary>
        public required Fingerprints OfA;
        /// <summary>B's own rows: the venue, its room, staff, customer and booking.</summary>
        public required Fingerprints OfB;
        public required HashSet<Guid> BActors;
        public required string BGmName, BManagerName;
        public required Guid AM01Id, AOnlyBadgeId;
        public required Dictionary<string, string> Tokens;
        public required string ANumberFiledInB, ASessionRoom, ASessionDay, ABookingCode, APushEndpoint, APartnerName;
        public required DateOnly Yesterday;
        public required string BArrival, LeaveFrom, LeaveTo, NowText, TodayText, InAMonthText, LastMonth;
        public required object ATypeBody;
        /// <summary>B's own rows by kind (booking, customer, complaint, meeting, course, department, fm01).</summary>
        public required Dictionary<string, Guid> B;

        public object PushSubscription(string endpoint) => new
        {
            endpoint, expirationTime = (long?)null,
            keys = new { p256dh = BrowserKey, auth = "AAECAwQFBgcICQoLDA0ODw" },
        };
    }

    /// <summary>An uncompressed P-256 point (the curve's generator), as a browser's push key is.</summary>
    private const string BrowserKey = "BGsX0fLhLEJH-Lzm5WOkQPJ3A32BLeszoPShOUXYmMKWT-NC4v4af5uO5-tKfA-eFivOM1drMV7Oy7ZAaDe_UfU";

    private static readonly ConditionalWeakTable<EncoreFactory, Task<World>> Worlds = new();

    private Task<World> WorldAsync()
    {
        lock (Worlds)
        {
            if (!Worlds.TryGetValue(app, out var world))
            {
                world = BuildAsync();
                Worlds.Add(app, world);
            }
            return world;
        }
    }

    private sealed record Callers(HttpClient GmB, HttpClient FmB, HttpClient MB, HttpClient GmA)
    {
        public IEnumerable<(string Who, HttpClient Client)> B => [("B gm01", GmB), ("B fm01", FmB), ("B m01", MB)];
    }

    /// <summary>Fresh sign-ins (a write of the suite may end a B person's sessions: a password set, a disable undone).</summary>
    private async Task<Callers> CallersAsync() => new(
        await app.ClientFor("gm01", GmBPassword, venue: VenueB), await app.ClientFor("fm01", FmBPassword, venue: VenueB),
        await app.ClientFor("m01", MBPassword, venue: VenueB), await app.ClientFor("gm01"));

    private async Task<World> BuildAsync()
    {
        var zone = TimeSpan.FromHours(8);
        var admin = await app.ClientFor("admin", EncoreFactory.AdminPassword);
        if (!await app.WithAsync(db => db.Venues.AnyAsync(v => v.Code == VenueB)))
            await OkAsync(await admin.PostAsJsonAsync("/api/venues", new
            {
                code = VenueB, name = "隔离测试B店", timeZone = "Asia/Shanghai", businessDayCutoff = "06:00",
                gm = new { badge = "gm01", name = "B店总经理", password = GmBPassword },
            }), HttpStatusCode.Created);
        var venueA = await app.WithAsync(db => db.Venues.Where(v => v.Code == "main").Select(v => v.Id).SingleAsync());
        var venueB = await app.WithAsync(db => db.Venues.Where(v => v.Code == VenueB).Select(v => v.Id).SingleAsync());
        var gmB = await app.ClientFor("gm01", GmBPassword, venue: VenueB);
        var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow().ToOffset(zone);
        var today = DateOnly.FromDateTime((now - TimeSpan.FromHours(6)).DateTime);
        var yesterday = today.AddDays(-1);

        // B's own rows, through its own staff.
        Task<bool> Has(Func<EncoreDb, Task<bool>> q) => app.WithAsync(q);
        if (!await Has(db => db.Rooms.AnyAsync(r => r.VenueId == venueB && r.Number == BRoom)))
            await OkAsync(await gmB.PostAsJsonAsync("/api/rooms", new { number = BRoom, type = "medium", capacity = 8, minimumSpend = 600, area = "B区" }), HttpStatusCode.Created);
        if (!await Has(db => db.Users.AnyAsync(u => u.VenueId == venueB && u.UserName == "m01")))
        {
            await OkAsync(await gmB.PostAsJsonAsync("/api/departments", new { name = "B店营销部" }), HttpStatusCode.Created);
            await OkAsync(await gmB.PostAsJsonAsync("/api/staff", new { badge = "m01", name = "B店经理小周", password = MBPassword, roles = new[] { "manager" }, department = "B店营销部" }), HttpStatusCode.Created);
            await OkAsync(await gmB.PostAsJsonAsync("/api/staff", new { badge = "fm01", name = "B店楼面小吴", password = FmBPassword, roles = new[] { "floorManager" } }), HttpStatusCode.Created);
        }
        var mB = await app.ClientFor("m01", MBPassword, venue: VenueB);
        // The same phone filed in both venues: each venue's own file (a phone on file in A is no refusal naming A's owner in B).
        var m05 = await app.ClientFor(AOnlyBadge);
        if (!await Has(db => db.Customers.AnyAsync(c => c.VenueId == venueA && c.Phone == SharedPhone)))
            await OkAsync(await m05.PostAsJsonAsync("/api/customers", new { name = "两店同号客", phone = SharedPhone }), HttpStatusCode.Created);
        if (!await Has(db => db.Customers.AnyAsync(c => c.VenueId == venueB && c.Phone == SharedPhone)))
            await OkAsync(await mB.PostAsJsonAsync("/api/customers", new { name = "B店熟客", phone = SharedPhone }), HttpStatusCode.Created);
        var bCustomer = await app.WithAsync(db => db.Customers.Where(c => c.VenueId == venueB && c.Phone == SharedPhone).Select(c => c.Id).SingleAsync());
        var tomorrow = today.AddDays(1);
        var bArrival = new DateTimeOffset(tomorrow.ToDateTime(new TimeOnly(20, 0)), zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz");
        // A booking by phone: the phone is a customer of A's (m05's), and B's manager books it as a new guest of B's own,
        // not refused naming A's owner.
        if (!await Has(db => db.Customers.AnyAsync(c => c.VenueId == venueA && c.Phone == SharedBookingPhone)))
            await OkAsync(await m05.PostAsJsonAsync("/api/customers", new { name = "两店同号订房客", phone = SharedBookingPhone }), HttpStatusCode.Created);
        if (!await Has(db => db.Bookings.AnyAsync(b => b.VenueId == venueB)))
            await OkAsync(await mB.PostAsJsonAsync("/api/bookings", new { customerName = "B店订房客", customerPhone = SharedBookingPhone, arrival = bArrival, partySize = 4, roomType = "medium" }), HttpStatusCode.Created);
        // More of B's own rows, for the pointer probes (B's row, A's thing named in the body).
        if (!await Has(db => db.Complaints.AnyAsync(c => c.VenueId == venueB)))
        {
            await OkAsync(await gmB.PostAsJsonAsync("/api/complaints", new { category = "service", severity = "low", description = "B店投诉" }), HttpStatusCode.Created);
            await OkAsync(await gmB.PostAsJsonAsync("/api/meetings", new { kind = "weekly", startsAt = bArrival, agenda = "B店周会" }), HttpStatusCode.Created);
            await OkAsync(await gmB.PostAsJsonAsync("/api/training/courses", new { title = "B店培训", startsAt = bArrival, trainerBadge = "m01", audience = new[] { "m01" }, passMark = 60 }), HttpStatusCode.Created);
        }

        // A's rows the demo has none of, and A's photos (served from files, so uploaded through the API).
        var fmA = await app.ClientFor("fm01");
        var aStaff = await app.WithAsync(db => db.Users.Where(u => u.VenueId == venueA).ToDictionaryAsync(u => u.UserName!, u => u.Id));
        var violation = await app.WithAsync(db => db.Violations.Where(v => v.VenueId == venueA).OrderBy(v => v.At).Select(v => new { v.Id, v.PhotoPath }).FirstAsync());
        if (violation.PhotoPath is null)
            await OkAsync(await fmA.PostAsync($"/api/violations/{violation.Id}/photo", Photo()));
        var failed = await app.WithAsync(db => db.Set<ChecklistRunItem>().Where(i => i.VenueId == venueA && i.PhotoPath != null).Select(i => new { i.Id, i.RunId }).FirstOrDefaultAsync());
        if (failed is null)
        {
            var room = await app.WithAsync(db => db.Rooms.Where(r => r.VenueId == venueA).OrderBy(r => r.Number).Select(r => r.Number).FirstAsync());
            var run = await OkAsync(await fmA.PostAsJsonAsync("/api/checklists/runs", new { template = "roomInspection", roomNumber = room }), HttpStatusCode.Created);
            var item = $"/api/checklists/runs/{run.Str("id")}/items/{run.GetProperty("items")[0].Str("id")}";
            await OkAsync(await fmA.PutAsJsonAsync(item, new { ok = false, note = "跨店隔离测试" }));
            await OkAsync(await fmA.PostAsync(item + "/photo", Photo()));
        }
        // A's marked words, in A's own calendar, catalogue, templates and rules (B's defaults are the same words as A's otherwise).
        var gmA = await app.ClientFor("gm01");
        var aDay = await app.WithAsync(db => db.CalendarDays.Where(d => d.VenueId == venueA).OrderBy(d => d.Day).FirstAsync());
        if (aDay.Name != AMarks[0])
        {
            await OkAsync(await gmA.PutAsJsonAsync($"/api/working-calendar/{aDay.Day:yyyy-MM-dd}", new { working = aDay.Working, note = AMarks[0] }));
            await OkAsync(await gmA.PutAsJsonAsync("/api/checklists/templates/closing", new { items = new[] { AMarks[1], "关灯关电源" } }));
            var aType = await app.WithAsync(db => db.ViolationTypes.Where(t => t.VenueId == venueA && t.Code == "staffConflict").SingleAsync());
            await OkAsync(await gmA.PutAsJsonAsync($"/api/violation-types/{aType.Code}", new
            {
                code = aType.Code, name = AMarks[2], fineMin = aType.FineMin, fineMax = aType.FineMax, tipBased = aType.TipBased, mayDismiss = aType.MayDismiss, active = aType.Active,
            }));
            await OkAsync(await gmA.PutAsJsonAsync("/api/appraisal/templates/manager", new
            {
                items = new[] { new { key = "aOnly", name = AMarks[3], weight = 100, source = "manual", scale = (object?)null } },
            }));
            await OkAsync(await gmA.PutAsJsonAsync("/api/house-rules", new { note = AMarks[4], bookings = new { maxDaysAhead = 59 } }));
        }
        var endpoint = "https://push.example.com/main/" + AOnlyBadge;
        // A's rows of kinds the demo has none of (a leave request, a ping, a card dispute, a possible duplicate, a phone's push
        // subscription): written straight into A's tables, as A's own staff would have through the API.
        await app.WithAsync(async db =>
        {
            var at = DateTimeOffset.UtcNow;
            if (!await db.LeaveRequests.AnyAsync(l => l.VenueId == venueA))
                db.LeaveRequests.Add(new LeaveRequest { VenueId = venueA, StaffId = aStaff[AOnlyBadge], BusinessDay = tomorrow, Kind = LeaveKind.Personal,
                    From = at.AddDays(1), To = at.AddDays(2), Reason = "事假", CreatedAt = at });
            if (!await db.Pings.AnyAsync(p => p.VenueId == venueA))
                db.Pings.Add(new Ping { VenueId = venueA, StaffId = aStaff[AOnlyBadge], SentById = aStaff["fm01"], BusinessDay = today, SentAt = at,
                    DueAt = at.AddDays(1), Message = "回电" });
            if (!await db.CardDisputes.AnyAsync(d => d.VenueId == venueA))
            {
                var session = await db.RoomSessions.Where(s => s.VenueId == venueA && s.ClosedAt != null && s.CreditedToId != null).OrderBy(s => s.OpenedAt).FirstAsync();
                db.CardDisputes.Add(new CardDispute { VenueId = venueA, StaffId = session.CreditedToId!.Value, BusinessDay = session.BusinessDay, SessionId = session.Id,
                    Reason = "不是我的房", CreatedAt = at });
            }
            if (!await db.CustomerFlags.AnyAsync(f => f.VenueId == venueA))
            {
                var pair = await db.Customers.Where(c => c.VenueId == venueA).OrderBy(c => c.CreatedAt).Select(c => c.Id).Take(2).ToListAsync();
                db.CustomerFlags.Add(new CustomerFlag { VenueId = venueA, CustomerId = pair[0], OtherCustomerId = pair[1], Reason = "samePhone", CreatedAt = at });
            }
            if (!await db.Set<Encore.Web.Push.WebPushSubscription>().AnyAsync(p => p.Endpoint == endpoint))
                db.Add(new Encore.Web.Push.WebPushSubscription { VenueId = venueA, StaffId = aStaff[AOnlyBadge], Endpoint = endpoint, P256dh = BrowserKey,
                    AuthSecret = "AAECAwQFBgcICQoLDA0ODw", Language = "zh-CN", CreatedAt = at });
            await db.SaveChangesAsync();
        });
        // A VIP's booking tonight and a plain one tomorrow, so today's VIP arrivals and the forecast show A's rows (and a
        // forecast count other than B's one) at any hour. The demo books tonight only until midnight: run in the last
        // hours of the venue's night, it left A nothing there and the mirror check could not fire (CI, 23:40 Shanghai).
        // Levels come from the customer sweeper, which runs after the seed.
        await app.SweptThroughNowAsync();
        await app.WithAsync(async db =>
        {
            if (await db.Bookings.AnyAsync(b => b.VenueId == venueA && b.ConfirmationCode.StartsWith("ISO"))) return;
            var vip = await (from c in db.Customers join u in db.Users on c.OwnerId equals u.Id
                             where c.VenueId == venueA && c.VipLevel != "" && c.ErasedAt == null
                             orderby c.CreatedAt
                             select new { c.Id, c.Name, c.Phone, Owner = u }).FirstAsync();
            foreach (var (code, day, customer) in new[] { ("ISO001", today, (Guid?)vip.Id), ("ISO002", tomorrow, null) })
            {
                var arrival = day == today ? now : new DateTimeOffset(day.ToDateTime(new TimeOnly(20, 0)), zone);
                db.Bookings.Add(new Booking
                {
                    VenueId = venueA, BusinessDay = day, CustomerId = customer, CustomerName = customer is null ? "隔离测试散客" : vip.Name,
                    CustomerPhone = customer is null ? "19955501236" : vip.Phone, Arrival = arrival, PartySize = 4, BookerId = vip.Owner.Id,
                    BookerDepartment = vip.Owner.Department, CreatedById = vip.Owner.Id, ConfirmationCode = code, CreatedAt = now, UpdatedAt = now,
                });
            }
            await db.SaveChangesAsync();
        });

        return await app.WithAsync(async db =>
        {
            // Stable rows of A's (past nights, decided things) where there is a choice, so that background work does not
            // change them while the suite compares them.
            async Task<ARow> Pick<T>(IQueryable<T> rows, Func<T, Guid> id, Func<T, string>? key = null) where T : class
            {
                var row = await rows.FirstOrDefaultAsync() ?? throw new InvalidOperationException($"Venue A has no {typeof(T).Name} to ask for");
                return new ARow(typeof(T), id(row), key?.Invoke(row) ?? id(row).ToString());
            }
            var drink = await db.StoredDrinks.Where(d => d.VenueId == venueA).OrderBy(d => d.StoredAt).FirstAsync();
            var filedInB = await db.Rooms.Where(r => r.VenueId == venueA).OrderBy(r => r.Number).Select(r => r.Number).FirstAsync();
            // A closed session alone in its room that night (the POS import names a room and a night), in a room B never files.
            var lone = await db.RoomSessions.Where(s => s.VenueId == venueA && s.ClosedAt != null && s.BusinessDay < today
                    && db.Rooms.Any(r => r.Id == s.RoomId && r.Number != filedInB && r.Number != BRoom)
                    && db.RoomSessions.Count(o => o.RoomId == s.RoomId && o.BusinessDay == s.BusinessDay) == 1)
                .OrderBy(s => s.OpenedAt).FirstAsync();
            var sessionRoom = await db.Rooms.Where(r => r.Id == lone.RoomId).SingleAsync();
            var booking = await db.Bookings.Where(b => b.VenueId == venueA && b.BusinessDay < today && b.Status == BookingStatus.Completed).OrderBy(b => b.Arrival).FirstAsync();
            var run = await db.Set<ChecklistRunItem>().Where(i => i.VenueId == venueA && i.PhotoPath != null).FirstAsync();
            var rows = new Dictionary<Own, ARow>
            {
                [Own.Booking] = new(typeof(Booking), booking.Id, booking.ConfirmationCode),
                [Own.Customer] = new(typeof(Customer), drink.CustomerId, drink.CustomerId.ToString()),
                [Own.Session] = new(typeof(RoomSession), lone.Id, lone.Id.ToString()),
                [Own.Approval] = await Pick(db.Approvals.Where(a => a.VenueId == venueA && a.Status != ApprovalStatus.Pending).OrderBy(a => a.CreatedAt), a => a.Id),
                [Own.Violation] = new(typeof(Violation), violation.Id, violation.Id.ToString()),
                [Own.Leave] = await Pick(db.LeaveRequests.Where(l => l.VenueId == venueA), l => l.Id),
                [Own.Ping] = await Pick(db.Pings.Where(p => p.VenueId == venueA), p => p.Id),
                [Own.Dispute] = await Pick(db.CardDisputes.Where(d => d.VenueId == venueA), d => d.Id),
                [Own.Department] = await Pick(db.Set<Department>().Where(d => d.VenueId == venueA).OrderBy(d => d.Name), d => d.Id),
                [Own.Flag] = await Pick(db.CustomerFlags.Where(f => f.VenueId == venueA), f => f.Id),
                [Own.ReturnVisit] = await Pick(db.ReturnVisits.Where(r => r.VenueId == venueA && r.DoneAt == null).OrderBy(r => r.DueDay), r => r.Id),
                [Own.LostItem] = await Pick(db.LostItems.Where(l => l.VenueId == venueA).OrderBy(l => l.FoundAt), l => l.Id),
                [Own.Valuable] = await Pick(db.Valuables.Where(v => v.VenueId == venueA).OrderBy(v => v.TakenAt), v => v.Id),
                [Own.StoredDrink] = new(typeof(StoredDrink), drink.Id, drink.Id.ToString()),
                [Own.ChecklistRun] = new(typeof(ChecklistRun), run.RunId, run.RunId.ToString()),
                [Own.ChecklistItem] = new(typeof(ChecklistRunItem), run.Id, run.Id.ToString()),
                [Own.Complaint] = await Pick(db.Complaints.Where(c => c.VenueId == venueA).OrderBy(c => c.CreatedAt), c => c.Id),
                [Own.Meeting] = await Pick(db.Set<Meeting>().Where(m => m.VenueId == venueA && m.BusinessDay < today).OrderBy(m => m.StartsAt), m => m.Id),
                [Own.MeetingAction] = await Pick(db.Set<MeetingAction>().Where(a => a.VenueId == venueA), a => a.Id),
                [Own.Handover] = await Pick(db.ShiftHandovers.Where(h => h.VenueId == venueA), h => h.Id),
                [Own.Commendation] = await Pick(db.Set<Commendation>().Where(c => c.VenueId == venueA), c => c.Id),
                [Own.Appraisal] = await Pick(db.Set<Appraisal>().Where(a => a.VenueId == venueA), a => a.Id),
                [Own.Course] = await Pick(db.Set<TrainingCourse>().Where(c => c.VenueId == venueA).OrderBy(c => c.StartsAt), c => c.Id),
                [Own.Account] = await Pick(db.Accounts.Where(a => a.VenueId == venueA && db.Contracts.Any(c => c.AccountId == a.Id)), a => a.Id),
                [Own.Contract] = await Pick(db.Contracts.Where(c => c.VenueId == venueA), c => c.Id),
                [Own.Partner] = await Pick(db.Partners.Where(p => p.VenueId == venueA), p => p.Id),
                [Own.Room] = await Pick(db.Rooms.Where(r => r.VenueId == venueA && r.Number != filedInB && r.Number != BRoom && r.Number != sessionRoom.Number)
                    .OrderByDescending(r => r.Number), r => r.Id, r => r.Number),
            };

            // A's fingerprints: the id of every row of every venue-owned table of A's, of A's audit entries, and A's customers' phones.
            var ids = new HashSet<string>();
            foreach (var type in db.Model.GetEntityTypes().Where(e => typeof(IVenueOwned).IsAssignableFrom(e.ClrType)
                         && e.FindPrimaryKey() is { Properties: [{ Name: "Id", ClrType: var k }] } && k == typeof(Guid)))
                foreach (var id in await IdsOfVenueAsync(db, type.ClrType, venueA)) ids.Add(id.ToString());
            foreach (var id in await db.AuditEntries.Where(a => a.VenueId == venueA).Select(a => a.Id).ToListAsync()) ids.Add(id.ToString());
            // The chain admin (the bootstrap account, housed in A) opened B: B's own records name them as their author.
            ids.Remove(aStaff[Startup.AdminBadge].ToString());
            var phones = (await db.Customers.Where(c => c.VenueId == venueA && c.Phone != SharedPhone && c.Phone != SharedBookingPhone).Select(c => c.Phone).ToListAsync()).ToHashSet();
            var names = (await db.Users.Where(u => u.VenueId == venueA && u.UserName != Startup.AdminBadge).Select(u => u.Name).ToListAsync()).Concat(AMarks).ToHashSet();

            var bIds = new HashSet<string>
            {
                venueB.ToString(),
                (await db.Rooms.SingleAsync(r => r.VenueId == venueB && r.Number == BRoom)).Id.ToString(),
                bCustomer.ToString(),
                (await db.Bookings.FirstAsync(b => b.VenueId == venueB)).Id.ToString(),
                (await db.Customers.SingleAsync(c => c.VenueId == venueB && c.Phone == SharedBookingPhone)).Id.ToString(),
            };
            var bStaff = await db.Users.Where(u => u.VenueId == venueB).ToListAsync();
            foreach (var s in bStaff) bIds.Add(s.Id.ToString());

            var catalogued = await db.ViolationTypes.Where(t => t.VenueId == venueB && t.Code == "quarrel").SingleAsync();
            var budget = await db.ReportBudgets.Where(b => b.VenueId == venueA).OrderBy(b => b.Month).FirstAsync();
            var calendar = await db.CalendarDays.Where(d => d.VenueId == venueA).OrderBy(d => d.Day).FirstAsync();
            var aCustomer = await db.Customers.SingleAsync(c => c.Id == drink.CustomerId);
            var complaintFrom = await db.Complaints.Where(c => c.VenueId == venueA).MinAsync(c => c.BusinessDay);
            var meetingFrom = await db.Set<Meeting>().Where(m => m.VenueId == venueA).MaxAsync(m => m.BusinessDay);
            var rotationDay = await db.RotationEvents.Where(e => e.VenueId == venueA && e.BusinessDay < today).MaxAsync(e => e.BusinessDay);
            var handoverDay = await db.ShiftHandovers.Where(h => h.VenueId == venueA).MaxAsync(h => h.BusinessDay);
            var commendationDay = await db.Set<Commendation>().Where(c => c.VenueId == venueA).MaxAsync(c => c.BusinessDay);
            var violationDay = await db.Violations.Where(v => v.Id == violation.Id).Select(v => v.BusinessDay).SingleAsync();
            var courseYear = await db.Set<TrainingCourse>().Where(c => c.VenueId == venueA).MaxAsync(c => c.StartsAt);
            var partner = await db.Partners.SingleAsync(p => p.Id == rows[Own.Partner].Id);
            var partnerDay = await db.Bookings.Where(b => b.VenueId == venueA && b.PartnerId != null).MaxAsync(b => (DateOnly?)b.BusinessDay) ?? today;
            string D(DateOnly d) => d.ToString("yyyy-MM-dd");
            string M(DateOnly d) => d.ToString("yyyy-MM");
            return new World
            {
                VenueA = venueA, VenueB = venueB, A = rows, OfA = new(ids, phones, names), OfB = new(bIds, [], []),
                BActors = bStaff.Select(s => s.Id).ToHashSet(),
                BGmName = bStaff.Single(s => s.UserName == "gm01").Name, BManagerName = bStaff.Single(s => s.UserName == "m01").Name,
                AM01Id = aStaff["m01"], AOnlyBadgeId = aStaff[AOnlyBadge],
                ANumberFiledInB = filedInB, ASessionRoom = sessionRoom.Number, ASessionDay = D(lone.BusinessDay), ABookingCode = booking.ConfirmationCode,
                APushEndpoint = endpoint, APartnerName = partner.Name, Yesterday = yesterday,
                BArrival = bArrival, LeaveFrom = bArrival, LeaveTo = new DateTimeOffset(tomorrow.ToDateTime(new TimeOnly(23, 0)), zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz"),
                NowText = now.AddMinutes(-5).ToString("yyyy-MM-dd'T'HH:mm:sszzz"), TodayText = D(today), InAMonthText = D(today.AddDays(30)),
                LastMonth = M(today.AddMonths(-1)),
                B = new()
                {
                    ["booking"] = await db.Bookings.Where(b => b.VenueId == venueB).Select(b => b.Id).FirstAsync(),
                    ["customer"] = bCustomer,
                    ["complaint"] = await db.Complaints.Where(c => c.VenueId == venueB).Select(c => c.Id).FirstAsync(),
                    ["meeting"] = await db.Set<Meeting>().Where(m => m.VenueId == venueB).Select(m => m.Id).FirstAsync(),
                    ["course"] = await db.Set<TrainingCourse>().Where(c => c.VenueId == venueB).Select(c => c.Id).FirstAsync(),
                    ["department"] = await db.Set<Department>().Where(d => d.VenueId == venueB && d.Name == "B店营销部").Select(d => d.Id).SingleAsync(),
                    ["fm01"] = bStaff.Single(m => m.UserName == "fm01").Id,
                },
                ATypeBody = new { code = catalogued.Code, name = catalogued.Name + "（B店）", fineMin = catalogued.FineMin, fineMax = catalogued.FineMax, tipBased = catalogued.TipBased, mayDismiss = catalogued.MayDismiss, active = catalogued.Active },
                Tokens = new()
                {
                    ["{today}"] = D(today), ["{yesterday}"] = D(yesterday), ["{month}"] = M(today),
                    ["{aDay}"] = D(calendar.Day), ["{aDayFrom}"] = D(calendar.Day.AddDays(-3)), ["{aDayTo}"] = D(calendar.Day.AddDays(3)),
                    ["{aBudgetMonth}"] = budget.Month, ["{aPhone}"] = aCustomer.Phone, ["{aPhoneTail}"] = aCustomer.Phone[^4..], ["{aCustomerName}"] = Uri.EscapeDataString(aCustomer.Name),
                    ["{aComplaintFrom}"] = D(complaintFrom), ["{aMeetingFrom}"] = D(meetingFrom.AddDays(-60)), ["{aHandoverDay}"] = D(handoverDay),
                    ["{aCommendationMonth}"] = M(commendationDay), ["{aViolationMonth}"] = M(violationDay), ["{aCourseYear}"] = courseYear.Year.ToString(),
                    ["{aSessionDay}"] = D(lone.BusinessDay), ["{aTypeCode}"] = catalogued.Code, ["{aPartnerMonth}"] = M(partnerDay),
                    ["{aPingDay}"] = D(today), ["{aRotationDay}"] = D(rotationDay), ["{yesterdayMonth}"] = M(yesterday),
                    ["{tomorrow}"] = D(tomorrow),
                },
            };
        });
    }

    private static async Task<List<Guid>> IdsOfVenueAsync(EncoreDb db, Type type, Guid venue) =>
        await (Task<List<Guid>>)typeof(TwoVenueIsolationTests).GetMethod(nameof(IdsOf), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(type).Invoke(null, [db, venue])!;

    private static Task<List<Guid>> IdsOf<T>(EncoreDb db, Guid venue) where T : class =>
        db.Set<T>().Where(e => EF.Property<Guid>(e, "VenueId") == venue).Select(e => EF.Property<Guid>(e, "Id")).ToListAsync();

    // ───────────────────────────── asking ─────────────────────────────

    private static readonly JsonSerializerOptions Snap = new() { ReferenceHandler = ReferenceHandler.IgnoreCycles };

    private static async Task<string> Rows<T>(IQueryable<T> rows) where T : class =>
        JsonSerializer.Serialize((await rows.AsNoTracking().ToListAsync()).OrderBy(r => JsonSerializer.Serialize(r, Snap), StringComparer.Ordinal), Snap);

    private static async Task<string> Row(EncoreDb db, Type type, Guid id) => JsonSerializer.Serialize(await db.FindAsync(type, id), Snap);

    private static readonly Regex GuidText = new("(?<![0-9a-fA-F])(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[0-9a-fA-F]{32})(?![0-9a-fA-F])");
    private static readonly Regex PhoneText = new(@"(?<!\d)1\d{10}(?!\d)");

    private static readonly Regex Escaped = new(@"\\u([0-9A-Fa-f]{4})");

    /// <summary>The ids, phones and texts of <paramref name="f"/> that <paramref name="body"/> holds (JSON's \u escapes read as what they stand for).</summary>
    private static List<string> Hits(string body, Fingerprints f)
    {
        if (body.Contains("&#", StringComparison.Ordinal) || body.Contains("&amp;", StringComparison.Ordinal)) body = WebUtility.HtmlDecode(body);
        if (body.Contains("\\u", StringComparison.Ordinal)) body = Escaped.Replace(body, m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString());
        var hits = GuidText.Matches(body).Select(m => Guid.Parse(m.Value).ToString()).Where(f.Ids.Contains).ToList();
        hits.AddRange(PhoneText.Matches(body).Select(m => m.Value).Where(f.Phones.Contains));
        hits.AddRange(f.Texts.Where(t => body.Contains(t, StringComparison.Ordinal)));
        return [.. hits.Distinct()];
    }

    private static string Fill(string text, World w, string? badge = null, Own? own = null)
    {
        foreach (var (token, value) in w.Tokens) text = text.Replace(token, value);
        foreach (var (kind, id) in w.B) text = text.Replace("{b" + char.ToUpperInvariant(kind[0]) + kind[1..] + "}", id.ToString());
        if (own is { } o)
        {
            var row = w.A[o];
            if (o == Own.ChecklistItem) text = text.Replace("{itemId}", row.Id.ToString()).Replace("{id}", w.A[Own.ChecklistRun].Id.ToString());
            text = text.Replace("{id}", row.Id.ToString()).Replace("{number}", row.Key).Replace("{verdict}", "dismissed");
        }
        if (badge is not null) text = text.Replace("{badge}", badge);
        return text.Replace("{month}", w.Tokens["{month}"]).Replace("{code}", "main");
    }

    private static HttpRequestMessage Request(string method, string url, object? body)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body is HttpContent content) request.Content = content;
        else if (body is not null) request.Content = JsonContent.Create(body, body.GetType());
        return request;
    }

    private sealed record Answer(int Status, string Body, string Who)
    {
        public bool RefusedByRole => Status == 403 && !Body.Contains("encore.example/problems/");
        public override string ToString() => $"{Who} → {Status}: {(Body.Length > 300 ? Body[..300] + "…" : Body)}";
    }

    private static async Task<Answer> SendAsync(HttpClient client, string who, string method, string url, object? body)
    {
        using var response = await client.SendAsync(Request(method, url, body));
        return new Answer((int)response.StatusCode, await response.Content.ReadAsStringAsync(), who);
    }

    /// <summary>Asks as B's GM, or, when B's GM lacks the role, B's floor manager, then B's manager (the first B person the route lets in).</summary>
    private static async Task<Answer> AsBAsync(Callers c, string method, string url, Func<object?> body)
    {
        Answer? last = null;
        foreach (var (who, client) in c.B)
        {
            last = await SendAsync(client, who, method, url, body());
            if (!last.RefusedByRole) return last;
        }
        return last!;
    }

    private static (string Method, string Path) Split(string op) => (op.Split(' ')[0], op.Split(' ')[1]);

    private async Task<List<string>> OperationsAsync()
    {
        var doc = await app.Anonymous().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        return doc.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "delete" or "patch").Select(o => $"{o.Name.ToUpperInvariant()} {p.Name}"))
            .ToList();
    }

    /// <summary>The audit entries B's staff wrote since <paramref name="since"/> that are A's or name one of A's ids or phones.</summary>
    private async Task<List<string>> WritesIntoAAsync(World w, DateTimeOffset since, HashSet<Guid> seen)
    {
        var entries = await app.WithAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.At >= since && a.ActorId != null).ToListAsync());
        var wrong = new List<string>();
        foreach (var e in entries.Where(e => w.BActors.Contains(e.ActorId!.Value) && seen.Add(e.Id)))
        {
            var text = $"{e.EntityId} {e.Before} {e.After}";
            if (e.VenueId == w.VenueA || Hits(text, w.OfA) is { Count: > 0 })
                wrong.Add($"{e.Action} {e.EntityType} {e.EntityId} by {e.ActorBadge}: {(text.Length > 300 ? text[..300] : text)}");
        }
        return wrong;
    }

    // ───────────────────────────── the facts ─────────────────────────────

    [Fact]
    public async Task Every_operation_of_the_OpenAPI_document_is_classified()
    {
        var operations = await OperationsAsync();
        var missing = operations.Where(op => !Table.ContainsKey(op)).ToList();
        Assert.True(missing.Count == 0, "Operations the isolation suite does not classify (add a row to TwoVenueIsolationTests.Table): " + string.Join(", ", missing));
        var stale = Table.Keys.Except(operations).ToList();
        Assert.True(stale.Count == 0, "Rows for operations that no longer exist: " + string.Join(", ", stale));
        // The table's shape: owned routes name what they own, outside and chain rows say why.
        foreach (var (op, probe) in Table)
        {
            var path = Split(op).Path;
            if (probe.Kind == Kind.Owned) Assert.True(probe.Target is not null && (path.Contains("{id}") || path.Contains("{number}")), op);
            if (probe.Kind == Kind.Badge) Assert.Contains("{badge}", path);
            if (probe.Kind is Kind.List or Kind.Create) Assert.DoesNotContain("{", path);
            if (probe.Kind is Kind.Outside or Kind.Chain or Kind.Keyed) Assert.False(string.IsNullOrWhiteSpace(probe.Why), op);
        }
    }

    [Fact]
    public async Task Venue_B_reads_nothing_of_venue_A_and_venue_A_sees_none_of_venue_Bs_rows()
    {
        var w = await WorldAsync();
        var c = await CallersAsync();
        var wrong = new List<string>();
        foreach (var (op, probe) in Table.Where(t => t.Value.Kind == Kind.List || (t.Value.Kind == Kind.Outside && t.Key.StartsWith("GET ", StringComparison.Ordinal))))
        {
            var path = Split(op).Path;
            var ok = false;
            var aSaw = false;
            foreach (var url in (probe.Url?.Invoke(w) ?? [path]).Select(u => Fill(u, w)))
            {
                foreach (var (who, client) in c.B)
                {
                    var answer = await SendAsync(client, who, "GET", url, null);
                    if (answer.Status is >= 500 or 401) wrong.Add($"{op} {url}: {answer}");
                    if (Hits(answer.Body, w.OfA) is { Count: > 0 } hits) wrong.Add($"{op} {url} {who} shows A's {string.Join(", ", hits.Take(5))}");
                    ok |= answer.Status is >= 200 and < 300;
                }
                // The mirror: A's GM asks the same and sees none of B's rows (and, where the table says so, A's own).
                var a = await SendAsync(c.GmA, "A gm01", "GET", url, null);
                if (Hits(a.Body, w.OfB) is { Count: > 0 } bHits) wrong.Add($"{op} {url} A gm01 shows B's {string.Join(", ", bHits)}");
                aSaw |= Hits(a.Body, w.OfA).Count > 0;
            }
            if (probe.Kind == Kind.List && !ok) wrong.Add($"{op}: no B caller got an answer to look into");
            if (probe.Kind == Kind.Outside) continue;
            if (probe.ASees && !aSaw) wrong.Add($"{op}: A's GM sees none of A's rows either, so the check could not fire");
            if (!probe.ASees && aSaw) wrong.Add($"{op}: A's GM sees A's rows here: mark the row ASees");
        }
        foreach (var (template, figure, expected) in Figures)
        {
            var url = Fill(template, w);
            var b = await SendAsync(c.GmB, "B gm01", "GET", url, null);
            var a = await SendAsync(c.GmA, "A gm01", "GET", url, null);
            if (b.Status != 200 || a.Status != 200) { wrong.Add($"{url}: {b} / {a}"); continue; }
            var (ofB, ofA) = (figure(JsonDocument.Parse(b.Body).RootElement), figure(JsonDocument.Parse(a.Body).RootElement));
            if (ofB != expected) wrong.Add($"{url}: B's figure is {ofB}, B's own is {expected}");
            if (ofA == expected) wrong.Add($"{url}: A's figure is B's too ({ofA}), so the check could not fire");
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public async Task Venue_As_rows_named_in_a_path_are_not_found_for_venue_B_and_stay_as_they_were()
    {
        var w = await WorldAsync();
        var c = await CallersAsync();
        var wrong = new List<string>();
        var seen = new HashSet<Guid>();
        foreach (var (op, probe) in Table.Where(t => t.Value.Kind == Kind.Owned).OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            var (method, path) = Split(op);
            var target = w.A[probe.Target!.Value];
            var url = Fill(path, w, own: probe.Target);
            var before = await app.WithAsync(db => Row(db, target.Type, target.Id));
            var since = DateTimeOffset.UtcNow.AddSeconds(-1);
            var answer = await AsBAsync(c, method, url, () => probe.Body?.Invoke(w));
            if (answer.RefusedByRole) wrong.Add($"{op}: every B caller is refused by role, nothing asked");
            else if (!probe.Expect!.Contains(answer.Status)) wrong.Add($"{op} {url}: {answer}");
            if (Hits(answer.Body, w.OfA) is { Count: > 0 } hits) wrong.Add($"{op} shows A's {string.Join(", ", hits.Take(5))}");
            if (method != "GET")
            {
                if (await app.WithAsync(db => Row(db, target.Type, target.Id)) != before) wrong.Add($"{op}: A's {target.Type.Name} {target.Id} changed");
                wrong.AddRange((await WritesIntoAAsync(w, since, seen)).Select(x => $"{op}: wrote {x}"));
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public async Task A_badge_only_venue_A_has_is_not_found_for_venue_B_and_a_badge_both_have_is_venue_Bs_own_person()
    {
        var w = await WorldAsync();
        var c = await CallersAsync();
        var wrong = new List<string>();
        var seen = new HashSet<Guid>();
        // Reads first, then the writes that end B m01's sessions; disable before enable, so B's m01 ends enabled.
        var order = new[] { "GET", "PUT", "POST /api/staff/{badge}/unlock", "POST /api/staff/{badge}/password", "POST /api/staff/{badge}/disable", "POST /api/staff/{badge}/enable" };
        foreach (var (op, probe) in Table.Where(t => t.Value.Kind == Kind.Badge).OrderBy(t => Array.FindIndex(order, o => t.Key.StartsWith(o, StringComparison.Ordinal))))
        {
            var (method, path) = Split(op);
            var query = probe.Url?.Invoke(w)[0] ?? "";
            // A's badge B lacks: 404, nothing of A's shown or changed.
            var aOnly = Fill(path, w, AOnlyBadge) + Fill(query, w);
            var before = await app.WithAsync(db => Row(db, typeof(StaffMember), w.AOnlyBadgeId));
            var since = DateTimeOffset.UtcNow.AddSeconds(-1);
            var refused = await AsBAsync(c, method, aOnly, () => probe.Body?.Invoke(w));
            if (refused.Status != 404) wrong.Add($"{op} {aOnly}: {refused}");
            if (Hits(refused.Body, w.OfA) is { Count: > 0 } hits) wrong.Add($"{op} {AOnlyBadge} shows A's {string.Join(", ", hits.Take(5))}");
            if (await app.WithAsync(db => Row(db, typeof(StaffMember), w.AOnlyBadgeId)) != before) wrong.Add($"{op}: A's {AOnlyBadge} changed");

            // A badge both venues have: B's own person, A's untouched. gm01 where a GM has what the route reads, else m01.
            var shared = op.Contains("integrity") || op.Contains("/api/staff/{badge}/") || op.StartsWith("PUT /api/staff") || op.Contains("/api/targets/") ? "m01" : "gm01";
            var sharedUrl = Fill(path, w, shared) + Fill(query, w);
            var aTwin = shared == "m01" ? w.AM01Id : await app.WithAsync(db => db.Users.Where(u => u.VenueId == w.VenueA && u.UserName == "gm01").Select(u => u.Id).SingleAsync());
            var twinBefore = await app.WithAsync(db => Row(db, typeof(StaffMember), aTwin));
            var targetsBefore = await app.WithAsync(db => Rows(db.MonthlyTargets.Where(t => t.VenueId == w.VenueA)));
            var own = await SendAsync(c.GmB, "B gm01", method, sharedUrl, probe.Body?.Invoke(w));
            if (own.Status is < 200 or >= 300) wrong.Add($"{op} {sharedUrl}: {own}");
            else if (method == "GET" && !own.Body.Contains(shared == "m01" ? w.BManagerName : w.BGmName) && !op.EndsWith("/csv", StringComparison.Ordinal))
                wrong.Add($"{op} {sharedUrl}: not B's {shared}: {own}");
            if (Hits(own.Body, w.OfA) is { Count: > 0 } shown) wrong.Add($"{op} {shared} shows A's {string.Join(", ", shown.Take(5))}");
            if (await app.WithAsync(db => Row(db, typeof(StaffMember), aTwin)) != twinBefore) wrong.Add($"{op}: A's {shared} changed");
            if (await app.WithAsync(db => Rows(db.MonthlyTargets.Where(t => t.VenueId == w.VenueA))) != targetsBefore) wrong.Add($"{op}: A's targets changed");
            if (method != "GET") wrong.AddRange((await WritesIntoAAsync(w, since, seen)).Select(x => $"{op}: wrote {x}"));
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public async Task Venue_Bs_writes_and_keyed_routes_touch_nothing_of_venue_A()
    {
        var w = await WorldAsync();
        var c = await CallersAsync();
        var wrong = new List<string>();
        var seen = new HashSet<Guid>();
        foreach (var (op, probe) in Table.Where(t => t.Value.Kind is Kind.Create or Kind.Keyed).OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            var (method, path) = Split(op);
            var url = Fill(probe.Url?.Invoke(w)[0] ?? path, w);
            var before = probe.ARows is null ? null : await app.WithAsync(db => probe.ARows(db, w));
            var since = DateTimeOffset.UtcNow.AddSeconds(-1);
            var answer = await AsBAsync(c, method, url, () => probe.Body?.Invoke(w));
            if (answer.RefusedByRole) wrong.Add($"{op}: every B caller is refused by role, nothing asked");
            else if (probe.Expect is { } expect ? !expect.Contains(answer.Status) : answer.Status is >= 500 or 401) wrong.Add($"{op} {url}: {answer}");
            if (Hits(answer.Body, w.OfA) is { Count: > 0 } hits) wrong.Add($"{op} shows A's {string.Join(", ", hits.Take(5))}");
            if (probe.ARows is not null && await app.WithAsync(db => probe.ARows(db, w)) != before) wrong.Add($"{op}: A's rows changed");
            if (method != "GET") wrong.AddRange((await WritesIntoAAsync(w, since, seen)).Select(x => $"{op}: wrote {x}"));
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public async Task Venue_Bs_own_rows_cannot_be_pointed_at_venue_As_and_a_shared_badge_in_a_body_is_venue_Bs_person()
    {
        var w = await WorldAsync();
        var c = await CallersAsync();
        var wrong = new List<string>();
        var seen = new HashSet<Guid>();
        var aBooking = w.A[Own.Booking];
        foreach (var (method, template, body, expect, who) in Pointers)
        {
            var url = Fill(template, w);
            var before = await app.WithAsync(db => Row(db, aBooking.Type, aBooking.Id));
            var since = DateTimeOffset.UtcNow.AddSeconds(-1);
            var built = body(w);
            // A date in a body's anonymous object is filled like the URL.
            object? Body() => built is null ? null : JsonDocument.Parse(Fill(JsonSerializer.Serialize(built), w)).RootElement;
            var client = c.B.Single(b => b.Who == who).Client;
            var answer = await SendAsync(client, who, method, url, Body());
            if (answer.RefusedByRole) wrong.Add($"{method} {url}: {who} is refused by role, nothing asked");
            else if (expect is { } e ? !e.Contains(answer.Status) : answer.Status is >= 500 or 401) wrong.Add($"{method} {url} {JsonSerializer.Serialize(built)}: {answer}");
            if (Hits(answer.Body, w.OfA) is { Count: > 0 } hits) wrong.Add($"{method} {url} shows A's {string.Join(", ", hits.Take(5))}");
            if (await app.WithAsync(db => Row(db, aBooking.Type, aBooking.Id)) != before) wrong.Add($"{method} {url}: A's booking changed");
            wrong.AddRange((await WritesIntoAAsync(w, since, seen)).Select(x => $"{method} {url}: wrote {x}"));
        }
        // The department's floor manager named by a badge both venues have is B's fm01.
        Assert.Equal(w.B["fm01"], await app.WithAsync(db => db.Set<Department>().Where(d => d.Id == w.B["department"]).Select(d => d.FloorManagerId).SingleAsync()));

        // An Idempotency-Key A's GM used is no key of B's GM: B's write runs as B's own, A's remembered answer is not replayed.
        var key = "iso-" + Guid.NewGuid().ToString("N");
        HttpRequestMessage Keyed(string name)
        {
            var request = Request("POST", "/api/catalogue", new { name, category = "酒水", price = 10, active = true });
            request.Headers.Add("Idempotency-Key", key);
            return request;
        }
        var first = await c.GmA.SendAsync(Keyed("幂等同名酒"));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var aItem = (await first.Content.ReadFromJsonAsync<JsonElement>()).Str("id");
        var replay = await c.GmB.SendAsync(Keyed("幂等同名酒"));
        var replayed = await replay.Content.ReadAsStringAsync();
        if (replay.StatusCode != HttpStatusCode.Created || replay.Headers.Contains("Idempotent-Replay") || replayed.Contains(aItem))
            wrong.Add($"Idempotency-Key of A's GM replayed to B's GM: {(int)replay.StatusCode} {replayed}");
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    /// <summary>The Razor pages (not in the OpenAPI document, but read the same rows): B's pages show nothing of A's; a page naming A's row is not found.</summary>
    [Fact]
    public async Task Venue_Bs_pages_show_nothing_of_venue_A_and_a_page_naming_As_row_is_not_found()
    {
        var w = await WorldAsync();
        var c = await CallersAsync();
        var wrong = new List<string>();
        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/')).Distinct().ToList();
        Assert.NotEmpty(routes);
        foreach (var route in routes)
        {
            // Signing out and in are the caller's own; the guest's page is keyed by its token, no venue caller.
            if (route is "/login" or "/logout" or "/denied" or "/guest/{token}") continue;
            var id = route.StartsWith("/customers/", StringComparison.Ordinal) ? w.A[Own.Customer].Id
                : route.StartsWith("/accounts/", StringComparison.Ordinal) ? w.A[Own.Account].Id
                : route.StartsWith("/training/courses/", StringComparison.Ordinal) ? w.A[Own.Course].Id : Guid.Empty;
            var url = route.Replace("{id:guid}", id.ToString()).Replace("{number}", w.A[Own.Room].Key).Replace("{badge}", AOnlyBadge);
            if (url.Contains('{') || url.Contains(Guid.Empty.ToString()))
            {
                wrong.Add($"page {route}: a path parameter the suite does not know; say which of A's rows it names");
                continue;
            }
            foreach (var (who, client) in c.B)
            {
                var answer = await SendAsync(client, who, "GET", url, null);
                if (answer.Status is >= 500 or 401) wrong.Add($"page {url}: {answer}");
                if (route.Contains('{') && answer.Status is >= 200 and < 300) wrong.Add($"page {url} opened for {who}: {answer.Status}");
                if (Hits(answer.Body, w.OfA) is { Count: > 0 } hits) wrong.Add($"page {url} {who} shows A's {string.Join(", ", hits.Take(5))}");
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public async Task The_chain_routes_refuse_every_one_of_venue_Bs_staff()
    {
        var w = await WorldAsync();
        var c = await CallersAsync();
        var wrong = new List<string>();
        foreach (var (op, probe) in Table.Where(t => t.Value.Kind == Kind.Chain))
        {
            var (method, path) = Split(op);
            var url = Fill(path, w);
            foreach (var (who, client) in c.B)
            {
                var answer = await SendAsync(client, who, method, url, probe.Body?.Invoke(w));
                if (!answer.RefusedByRole) wrong.Add($"{op}: {answer}");
                if (Hits(answer.Body, w.OfA) is { Count: > 0 } hits) wrong.Add($"{op} shows A's {string.Join(", ", hits)}");
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        Assert.False(await app.WithAsync(db => db.Venues.AnyAsync(v => v.Code == "iso-x")));
    }
}
