using System.Text;

namespace Encore.Web.Customers;

/// <summary>
/// A manager's existing customer list in, their own files out (the GM and the floor: the venue's).
/// <para>Import format (UTF-8 CSV, header required): <c>name,phone,company,title,birthday,tags,notes</c>
/// (birthday as 1985-06-01, may be empty). Every bad line is reported by its number — a phone already on file
/// names its owner — and a file with any bad line files nobody.</para>
/// </summary>
public static class ImportExport
{
    private const int MaxLines = 20_000;
    private static readonly string[] Header = ["name", "phone", "company", "title", "birthday", "tags", "notes"];

    public static void MapCustomerImportExport(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/customers/import", ImportAsync).WithTags("Customers").DisableAntiforgery().AcceptsUploads()
            .Requires(Capability.KeepCustomers)
            .Accepts<string>("text/csv").Answers<ImportCount>().WithName("ImportCustomers");
        app.MapGet("/api/customers/export", ExportAsync).WithTags("Customers").RequireAuthorization().AnswersFile("text/csv").WithName("ExportCustomers");
    }

    private static async Task<IResult> ImportAsync(HttpContext http, EncoreDb db, TimeProvider clock)
    {
        var text = await Csv.ReadAsync(http.Request);
        if (text is null) return Problems.Validation("file", "required");
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var errors = new List<RuleProblem>();
        if (!Csv.Split(lines[0].TrimStart('\uFEFF')).Select(h => h.ToLowerInvariant()).Take(Header.Length).SequenceEqual(Header))
            return Problems.Validation([new RuleProblem("line 1", "csvHeader", string.Join(",", Header))]);
        if (lines.Length > MaxLines + 1) return Problems.Validation("file", "maxLines", MaxLines);

        var venue = http.User.VenueId();
        var now = clock.GetUtcNow();
        var onFile = await (from c in db.Customers join u in db.Users on c.OwnerId equals u.Id where c.VenueId == venue
                            select new { c.Phone, Owner = u.UserName + " " + u.Name }).ToDictionaryAsync(x => x.Phone, x => x.Owner);
        var inFile = new Dictionary<string, int>();
        var customers = new List<Customer>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            var field = $"line {i + 1}";
            var cells = Csv.Split(lines[i]);
            while (cells.Count < Header.Length) cells.Add("");
            var v = new Validator().Text(field, cells[0], 50).Text(field, cells[2], 100, required: false).Text(field, cells[3], 50, required: false)
                .Text(field, cells[5], 200, required: false).Text(field, cells[6], 2000, required: false);
            var phone = CustomerRules.ValidPhone(cells[1]);
            if (phone is null) v.Add(field, "csvPhone", cells[1]);
            else if (onFile.TryGetValue(phone, out var owner)) v.Add(field, "csvPhoneOnFile", phone, owner);
            else if (inFile.TryGetValue(phone, out var first)) v.Add(field, "csvPhoneTwice", phone, first);
            DateOnly? birthday = null;
            if (cells[4].Length > 0)
            {
                if (DateOnly.TryParseExact(cells[4], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var b) && b.Year >= 1900 && b <= DateOnly.FromDateTime(now.UtcDateTime))
                    birthday = b;
                else v.Add(field, "csvBirthday", cells[4]);
            }
            if (!v.Ok) { errors.AddRange(v.Problems); continue; }
            inFile[phone!] = i + 1;
            var customer = new Customer
            {
                VenueId = venue, Name = cells[0].Trim(), Phone = phone!, Company = cells[2], Title = cells[3], Birthday = birthday,
                Tags = cells[5], Notes = cells[6], Source = "import", OwnerId = http.User.StaffId(), CreatedAt = now,
            };
            CustomerRules.Index(customer);
            customers.Add(customer);
        }
        if (errors.Count > 0) return Problems.Validation(errors);
        if (customers.Count == 0) return Problems.Validation("file", "required");

        AuditScope.Name(http, "customer.import");
        await using var tx = await db.BeginWriteAsync();
        db.Customers.AddRange(customers);
        foreach (var c in customers) await CustomerFiles.FlagDuplicatesAsync(db, c);
        try
        {
            await db.SaveChangesAsync();
            await tx.CommitAsync();
        }
        catch (DbUpdateException e) when (e.IsConflict())
        {
            // A phone filed by someone else while the file was being read: nothing was imported.
            return Problems.Rule(409, "customer.importRace");
        }
        return Results.Ok(new ImportCount(customers.Count));
    }

    private static async Task<IResult> ExportAsync(HttpContext http, EncoreDb db, AuditLog audit)
    {
        var user = http.User;
        var all = user.Can(Capability.ManageAllCustomers);
        var me = user.StaffId();
        var rows = await (from c in db.Customers join u in db.Users on c.OwnerId equals u.Id
                          where c.VenueId == user.VenueId() && (all || c.OwnerId == me)
                          orderby u.UserName, c.Name
                          select new { c.Name, c.Phone, c.Company, c.Title, c.Birthday, c.Tags, c.Notes, Owner = u.UserName }).ToListAsync();
        var csv = new StringBuilder();
        Csv.Row(csv, [.. Header, "owner"]);
        foreach (var r in rows)
            Csv.Row(csv, r.Name, r.Phone, r.Company, r.Title, r.Birthday?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.Tags, r.Notes, r.Owner);
        // A bulk export of phones is exactly what a leaver might take: it is always in the audit log.
        await audit.WriteAsync(user, "customer.export", nameof(Customer), all ? "venue" : user.Badge(), null, new { count = rows.Count });
        return Results.File(Csv.Bytes(csv), "text/csv; charset=utf-8", $"customers-{user.Badge()}.csv");
    }
}
