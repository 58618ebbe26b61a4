using Encore.Web.Performance;
using System.Text;
using Encore.Web.Bookings;

namespace Encore.Web.Bills;

public sealed record CatalogueInput(string? Name, string? Category, decimal? Price, bool? Active);

public sealed record SessionSpendView(Guid SessionId, decimal Spend, decimal RoomCharge);

public sealed record CatalogueView(Guid Id, string Name, string Category, decimal Price, bool Active);

public sealed record SpendInput(decimal? Spend, decimal? RoomCharge);

/// <summary>
/// The money side of a room: the venue's comps catalogue (果盘, 小吃, 门票, drinks …), spend corrected through the
/// API, and spend imported from the POS as CSV.
/// <para>POS CSV format (UTF-8, header line required, comma-separated, no quotes):
/// <c>businessDay,roomNumber,spend,roomCharge</c>, e.g. <c>2026-11-20,201,3680.00,800.00</c>. Each line sets the
/// spend (and room charge, optional) of the one closed session of that room on that business day. Every bad
/// line is reported by its number, and a file with any bad line changes nothing.</para>
/// </summary>
public static class BillsApi
{
    private const int MaxImportLines = 5000;

    public static void MapBillsApi(this IEndpointRouteBuilder app)
    {
        var catalogue = app.MapGroup("/api/catalogue").WithTags("Bills").RequireAuthorization();
        catalogue.MapGet("/", async (HttpContext http, EncoreDb db) =>
                Results.Ok(await db.CatalogueItems.Where(c => c.VenueId == http.User.VenueId()).OrderBy(c => c.Category).ThenBy(c => c.Name)
                    .Select(c => new CatalogueView(c.Id, c.Name, c.Category, c.Price, c.Active)).ToListAsync()))
            .Answers<List<CatalogueView>>().WithName("ListCatalogue");
        catalogue.MapPost("/", async (CatalogueInput input, HttpContext http, EncoreDb db) =>
            {
                var v = new Validator().Text("name", input.Name, 50).Text("category", input.Category, 50, required: false)
                    .Range("price", input.Price, 0, Ranges.ItemMax);
                if (!v.Ok) return v.ToResult();
                var venue = http.User.VenueId();
                var name = input.Name!.Trim();
                if (await db.CatalogueItems.AnyAsync(c => c.VenueId == venue && c.Name == name)) return Problems.Validation("name", "unique");
                AuditScope.Name(http, "catalogue.add");
                var item = new CatalogueItem { VenueId = venue, Name = name, Category = input.Category?.Trim() ?? "", Price = input.Price!.Value, Active = input.Active ?? true };
                db.CatalogueItems.Add(item);
                await db.SaveChangesAsync();
                return Results.Created($"/api/catalogue/{item.Id}", new CatalogueView(item.Id, item.Name, item.Category, item.Price, item.Active));
            })
            .Requires(Capability.ManageRooms).Answers<CatalogueView>(StatusCodes.Status201Created).WithName("AddCatalogueItem");

        var sessions = app.MapGroup("/api/sessions").WithTags("Bills").RequireAuthorization();
        sessions.MapPut("/{id:guid}/spend", async (Guid id, SpendInput input, HttpContext http, EncoreDb db, Board.BoardNotifier board) =>
            {
                var v = new Validator().Range("spend", input.Spend, 0, Ranges.BillMax).Range("roomCharge", input.RoomCharge ?? 0, 0, input.Spend ?? 0);
                if (!v.Ok) return v.ToResult();
                AuditScope.Name(http, "session.spend");
                var session = await db.RoomSessions.SingleOrDefaultAsync(s => s.Id == id && s.VenueId == http.User.VenueId());
                if (session is null) return Problems.Rule(404, "session.notFound");
                if (session.ClosedAt is null) return Problems.Rule(409, "session.notClosed");
                if (input.Spend < session.Discount) return Problems.Validation("spend", "range", session.Discount, Ranges.BillMax);
                session.Spend = input.Spend!.Value;
                if (input.RoomCharge is { } charge) session.RoomCharge = charge;
                await db.SaveChangesAsync();
                board.StandingsChanged(session.VenueId);
                return Results.Ok(new SessionSpendView(session.Id, session.Spend, session.RoomCharge));
            })
            .Requires(Capability.EnterSpend).Answers<SessionSpendView>().WithName("SetSessionSpend");

        app.MapPost("/api/pos/import", ImportAsync).WithTags("Bills").Requires(Capability.EnterSpend).AcceptsUploads()
            .AcceptsSpreadsheets().DisableAntiforgery().Answers<ImportCount>().WithName("ImportPosSpend");
    }

    /// <summary>Reads the CSV or xlsx from the body or from a form file named "file" (<see cref="Spreadsheets"/>).</summary>
    private static async Task<IResult> ImportAsync(HttpContext http, EncoreDb db, Board.BoardNotifier board)
    {
        if (await Spreadsheets.ReadAsync(http.Request) is not { } rows) return Problems.Validation("file", "required");
        var result = await ImportRowsAsync(http, db, rows);
        if (result.Errors.Count > 0) return Problems.Validation(result.Errors);
        board.StandingsChanged(http.User.VenueId());
        return Results.Ok(new ImportCount(result.Imported));
    }

    public sealed record ImportResult(int Imported, List<Domain.RuleProblem> Errors);

    public static async Task<ImportResult> ImportRowsAsync(HttpContext http, EncoreDb db, IReadOnlyList<SheetRow> rows)
    {
        var venue = http.User.VenueId();
        var errors = new List<Domain.RuleProblem>();
        if (rows.Count == 0 || rows[0].Line != 1
            || !string.Join(",", rows[0].Cells).Replace(" ", "").StartsWith("businessDay,roomNumber,spend", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(new("line 1", "csvHeader", "businessDay,roomNumber,spend,roomCharge"));
            return new(0, errors);
        }
        if (rows.Count > MaxImportLines + 1) { errors.Add(new("file", "maxLines", MaxImportLines)); return new(0, errors); }

        var rooms = await db.Rooms.Where(r => r.VenueId == venue).ToDictionaryAsync(r => r.Number, r => r.Id);
        var updates = new List<(int Line, DateOnly Day, Guid RoomId, decimal Spend, decimal? Charge)>();
        foreach (var row in rows.Skip(1))
        {
            if (row.Blank) continue;
            var field = $"line {row.Line}";
            // Columns past the last filled one (an xlsx's formatted but empty cells, a trailing comma) are not columns.
            var cells = row.Cells.ToArray();
            while (cells.Length > 4 && cells[^1].Length == 0) cells = cells[..^1];
            if (cells.Length is < 3 or > 4) { errors.Add(new(field, "csvColumns", 3, 4)); continue; }
            if (!DateOnly.TryParseExact(cells[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) { errors.Add(new(field, "csvBusinessDay", cells[0])); continue; }
            if (!Ranges.Contains(day)) { errors.Add(new(field, "csvRange", "businessDay", Ranges.DayText(Ranges.FirstDay), Ranges.DayText(Ranges.LastDay))); continue; }
            if (!rooms.TryGetValue(cells[1], out var roomId)) { errors.Add(new(field, "csvRoom", cells[1])); continue; }
            if (!decimal.TryParse(cells[2], NumberStyles.Number, CultureInfo.InvariantCulture, out var spend) || spend < 0 || decimal.Round(spend, 2) != spend)
            { errors.Add(new(field, "csvMoney", "spend", cells[2])); continue; }
            // One bill's amount, as at the till (Ranges.BillMax): a larger one is a typo or an attack, and past the
            // database's 64-bit fen it could not even be stored.
            if (spend > Ranges.BillMax) { errors.Add(new(field, "csvRange", "spend", 0, Ranges.BillMax)); continue; }
            decimal? charge = null;
            if (cells.Length == 4 && cells[3].Length > 0)
            {
                if (!decimal.TryParse(cells[3], NumberStyles.Number, CultureInfo.InvariantCulture, out var c) || c < 0 || c > spend || decimal.Round(c, 2) != c)
                { errors.Add(new(field, "csvMoney", "roomCharge", cells[3])); continue; }
                charge = c;
            }
            updates.Add((row.Line, day, roomId, spend, charge));
        }

        AuditScope.Name(http, "pos.import");
        await using var tx = await db.BeginWriteAsync();
        foreach (var (line, day, roomId, spend, charge) in updates)
        {
            var matches = await db.RoomSessions.Where(s => s.VenueId == venue && s.RoomId == roomId && s.BusinessDay == day && s.ClosedAt != null).ToListAsync();
            if (matches.Count != 1) { errors.Add(new($"line {line}", matches.Count == 0 ? "csvNoSession" : "csvManySessions")); continue; }
            if (spend < matches[0].Discount) { errors.Add(new($"line {line}", "csvBelowDiscount", matches[0].Discount)); continue; }
            matches[0].Spend = spend;
            if (charge is { } c) matches[0].RoomCharge = c;
        }
        if (errors.Count > 0) return new(0, errors); // the transaction is disposed without commit: nothing changes
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return new(updates.Count, errors);
    }
}
