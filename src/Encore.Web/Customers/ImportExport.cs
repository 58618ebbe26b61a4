using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Encore.Web.Customers;

/// <summary>
/// A manager's existing customer list in, their own files out with masked phones (the GM and the floor: the venue's,
/// phones in full).
/// <para>Import format (CSV in UTF-8 or GB18030, or xlsx: see <see cref="Spreadsheets"/>; header required):
/// <c>name,phone,company,title,birthday,tags,notes</c>
/// (birthday as 1985-06-01, may be empty). Every bad line is reported by its number — except phones on other
/// keepers' files, which are only counted (<see cref="PhoneProbeGuard"/>) — and a file with any bad line files
/// nobody. At most <see cref="PhoneProbeGuard.ImportsPerWindow"/> imports per person in ten minutes.</para>
/// </summary>
public static class ImportExport
{
    private const int MaxLines = 20_000;
    private static readonly string[] Header = ["name", "phone", "company", "title", "birthday", "tags", "notes"];

    public static void MapCustomerImportExport(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/customers/import", ImportAsync).WithTags("Customers").DisableAntiforgery().AcceptsUploads()
            .Requires(Capability.KeepCustomers)
            // Its own short transaction after the checks (see ImportAsync), not one around the whole request.
            .WithoutWriteTransaction()
            .AcceptsSpreadsheets().Answers<ImportCount>().ProducesProblem(StatusCodes.Status429TooManyRequests).WithName("ImportCustomers");
        app.MapGet("/api/customers/export", ExportAsync).WithTags("Customers").RequireAuthorization().AnswersFile("text/csv").WithName("ExportCustomers");
    }

    private static async Task<IResult> ImportAsync(HttpContext http, EncoreDb db, TimeProvider clock, PhoneProbeGuard guard, ILoggerFactory logs, Board.BoardNotifier board)
    {
        var took = System.Diagnostics.Stopwatch.StartNew();
        // Every attempt counts, a bad one too: each line of a file is a question about a phone.
        if (guard.RefuseImport(http) is { } tooMany) return tooMany;
        var rows = await Spreadsheets.ReadAsync(http.Request);
        if (rows is null) return Problems.Validation("file", "required");
        var errors = new List<RuleProblem>();
        if (rows.Count == 0 || rows[0].Line != 1 || !rows[0].Cells.Select(h => h.ToLowerInvariant()).Take(Header.Length).SequenceEqual(Header))
            return Problems.Validation([new RuleProblem("line 1", "csvHeader", string.Join(",", Header))]);
        if (rows.Count > MaxLines + 1) return Problems.Validation("file", "maxLines", MaxLines);

        // Everything is checked before the write begins (issue 12: a 20,000-line file held SQLite's write lock
        // ~15 s while it was checked line by line inside the transaction, and every other write waited).
        var venue = http.User.VenueId();
        var me = http.User.StaffId();
        var now = clock.GetUtcNow();
        var inFile = new Dictionary<string, int>();
        var customers = new List<Customer>();
        foreach (var row in rows.Skip(1))
        {
            if (row.Blank) continue;
            var field = $"line {row.Line}";
            var cells = Enumerable.Range(0, Header.Length).Select(c => row[c]).ToList();
            var v = new Validator().Text(field, cells[0], 50).Text(field, cells[2], 100, required: false).Text(field, cells[3], 50, required: false)
                .Text(field, cells[5], 200, required: false).Text(field, cells[6], 2000, required: false);
            var phone = CustomerRules.ValidPhone(cells[1]);
            if (phone is null) v.Add(field, "csvPhone", cells[1]);
            else if (inFile.TryGetValue(phone, out var first)) v.Add(field, "csvPhoneTwice", phone, first);
            DateOnly? birthday = null;
            if (cells[4].Length > 0)
            {
                if (DateOnly.TryParseExact(cells[4], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var b) && b.Year >= 1900 && b <= DateOnly.FromDateTime(now.UtcDateTime))
                    birthday = b;
                else v.Add(field, "csvBirthday", cells[4]);
            }
            if (phone is not null) inFile.TryAdd(phone, row.Line);
            if (!v.Ok) { errors.AddRange(v.Problems); continue; }
            var customer = new Customer
            {
                VenueId = venue, Name = cells[0].Trim(), Phone = phone!, Company = cells[2], Title = cells[3], Birthday = birthday,
                Tags = cells[5], Notes = cells[6], Source = "import", OwnerId = me, CreatedAt = now,
            };
            CustomerRules.Index(customer);
            customers.Add(customer);
        }

        // The file's phones already on file: one query per chunk of the file's own phones, not the venue's book.
        var onFile = await OnFileAsync(db, venue, inFile.Keys);
        var others = new List<(int Line, string Phone, string Owner)>();
        foreach (var (phone, line) in inFile.OrderBy(p => p.Value))
        {
            if (!onFile.TryGetValue(phone, out var owner)) continue;
            var field = $"line {line}";
            if (owner.Id == me) errors.Add(new RuleProblem(field, "csvPhoneYours", phone));
            // The floor and the GM see every file anyway: they are told line by line, as before.
            else if (http.User.Can(Capability.ManageAllCustomers)) errors.Add(new RuleProblem(field, "csvPhoneOnFile", phone, owner.Name));
            else others.Add((line, phone, owner.Name));
        }
        if (others.Count > 0)
        {
            // A line number would name the guess as surely as the phone (issue 12: 10,000 guesses of a masked phone
            // and "line 5597" in the answer): other keepers' phones are counted, never placed, and each attempt is
            // audited and counted towards the probing alert.
            await guard.ImportConflictsAsync(http, others);
            errors.Add(new RuleProblem("file", "csvPhoneOnOtherFiles", others.Count));
        }
        if (errors.Count > 0) return Problems.Validation(errors.OrderBy(e => e.Field == "file" ? int.MaxValue : int.Parse(e.Field[5..], CultureInfo.InvariantCulture)));
        if (customers.Count == 0) return Problems.Validation("file", "required");

        // One short transaction: all or nothing, and nothing line by line while it is open. The rows, their
        // duplicate flags and audit entries, and the multi-row INSERTs that write them (BulkInsert) are all made
        // before it begins: the write lock is held only to run them.
        // Flags compare with the files on record now; a same-name file filed by someone else in the moments until the
        // write is not flagged against these (flags are a hint for the floor, never a merge).
        var flags = await CustomerFiles.DuplicatesAsync(db, customers);
        var inserts = BulkInsert.Prepare(db, customers)
            .Concat(BulkInsert.Prepare(db, flags))
            .Concat(BulkInsert.Prepare(db, [.. BulkInsert.AuditEntriesFor(db, customers, http.User, "customer.import", now),
                .. BulkInsert.AuditEntriesFor(db, flags, http.User, "customer.import", now)]))
            .ToList();
        var checkedIn = took.Elapsed;
        var locked = TimeSpan.Zero;
        try
        {
            await using var tx = await db.BeginWriteAsync();
            locked = took.Elapsed;
            // The unique index on (venue, phone) re-checks every phone inside the write: a phone filed by someone
            // else since the check refuses the whole insert.
            await BulkInsert.ExecuteAsync(db, inserts);
            await tx.CommitAsync();
        }
        catch (DbUpdateException e) when (e.IsConflict())
        {
            // Nothing was imported (the transaction rolled back).
            return Problems.Rule(409, "customer.importRace");
        }
        // How long the write lock was held is what other writers feel: logged for whoever runs the venue.
        logs.CreateLogger("Encore.Web.Customers.Import").LogInformation(
            "Imported {Count} customers: read and checked in {CheckMs:F0} ms, written in one transaction of {WriteMs:F0} ms (of which {WaitMs:F0} ms waiting for the lock)",
            customers.Count, checkedIn.TotalMilliseconds, (took.Elapsed - checkedIn).TotalMilliseconds, (locked - checkedIn).TotalMilliseconds);
        // Its own transaction has committed (no request transaction here): the event goes at once.
        board.CustomersChanged(venue, [me]);
        return Results.Ok(new ImportCount(customers.Count));
    }

    /// <summary>Which of <paramref name="phones"/> are on file in the venue, and with whom ("badge name").</summary>
    private static async Task<Dictionary<string, (Guid Id, string Name)>> OnFileAsync(EncoreDb db, Guid venue, IEnumerable<string> phones)
    {
        var found = new Dictionary<string, (Guid, string)>();
        foreach (var r in await phones.InPartsAsync(part => from c in db.Customers join u in db.Users on c.OwnerId equals u.Id
                                                            where c.VenueId == venue && part.Contains(c.Phone)
                                                            select new { c.Phone, u.Id, Owner = u.UserName + " " + u.Name }))
            found[r.Phone] = (r.Id, r.Owner);
        return found;
    }

    private static async Task<IResult> ExportAsync(HttpContext http, EncoreDb db, AuditLog audit, AccountStatus status, IOptions<IdentityOptions> identity)
    {
        var user = http.User;
        // SPEC.md "Customer files": a leaver takes no customer data. Full phones leave the venue only in the hands of
        // those who manage every file (the floor manager, the GM); a manager's export of their own book is for
        // working it (names, companies, notes), with every phone masked as on any other screen.
        var all = user.Can(Capability.ManageAllCustomers);
        var me = user.StaffId();
        var rows = await (from c in db.Customers join u in db.Users on c.OwnerId equals u.Id
                          where c.VenueId == user.VenueId() && (all || c.OwnerId == me)
                          orderby u.UserName, c.Name
                          select new { c.Name, c.Phone, c.Company, c.Title, c.Birthday, c.Tags, c.Notes, Owner = u.UserName }).ToListAsync();
        var csv = new StringBuilder();
        // Unlike the statement CSV (headers in the reader's language), this header stays the import's own English
        // column names in every language: the floor's full export is imported back (POST /api/customers/import checks
        // that header), and it holds no yes/no cells. A masked export does not import (its phones are not phones).
        Csv.Row(csv, [.. Header, "owner"]);
        foreach (var r in rows)
            Csv.Row(csv, r.Name, all ? r.Phone : CustomerRules.Mask(r.Phone), r.Company, r.Title,
                r.Birthday?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.Tags, r.Notes, r.Owner);
        // An account disabled while the export ran gets nothing: the start-of-request check may be up to 30 s old.
        if (!await status.IsStillValidAsync(user, identity.Value.ClaimsIdentity.SecurityStampClaimType))
            return Results.Unauthorized();
        // A bulk export of customer files is exactly what a leaver might take: it is always in the audit log, with
        // how many rows and whether the phones went out in full.
        await audit.WriteAsync(user, "customer.export", nameof(Customer), all ? "venue" : user.Badge(), null,
            new { count = rows.Count, phones = all ? "full" : "masked" });
        return Results.File(Csv.Bytes(csv), "text/csv; charset=utf-8", $"customers-{user.Badge()}.csv");
    }
}
