using System.Text;
using Encore.Web.Board;
using Encore.Web.HouseRules;
using QRCoder;

namespace Encore.Web.Complaints;

/// <param name="Url">The guest's page, an absolute path (/guest/{token}); the guest's POST goes to "/api" + this path.</param>
/// <param name="ExpiresAt">Null while the session is open; after it closed, the instant the link stops working.</param>
public sealed record GuestLinkView(string Url, DateTimeOffset? ExpiresAt);

public sealed record GuestRatingInput(int? Rating, string? Comment, bool? TipSolicited);

/// <param name="ComplaintOpened">The rating (low, or a tips report) reached the floor as a complaint; the guest is told so, nothing more.</param>
public sealed record GuestRatingView(Guid Id, int Rating, bool ComplaintOpened);

/// <summary>
/// API.md "the guest's own channel": the desk shows a room session's private link (and its QR), and the guest,
/// without an account, rates the service through it. A low rating or a tips report opens a complaint at once,
/// through the same intake as the staff's form, and reaches the floor live.
/// </summary>
public static class GuestApi
{
    private const int CommentMax = 500;
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    public static void MapGuestApi(this IEndpointRouteBuilder app)
    {
        var rooms = app.MapGroup("/api/rooms/{number}/guest-link").WithTags("Complaints").Requires(Capability.ShowGuestLinks);
        rooms.MapGet("/", LinkAsync).Answers<GuestLinkView>().WithName("GuestLink");
        rooms.MapGet("/qr", QrAsync).AnswersFile("image/svg+xml").WithName("GuestLinkQr");
        app.MapPost("/api/guest/{token}", RateAsync).WithTags("Complaints").AllowAnonymous()
            .Answers<GuestRatingView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status429TooManyRequests).WithName("RateAsGuest");
    }

    /// <summary>The room's open session and its link, made (and saved) on the first call; a GET that may write, so it takes its own write transaction.</summary>
    public static async Task<(RoomSession? Session, string? Token, IResult? Refused)> OpenLinkAsync(string number, HttpContext http, EncoreDb db, GuestLinks links)
    {
        var at = await http.Caller().NowAsync();
        var room = await db.Rooms.AsNoTracking().SingleOrDefaultAsync(r => r.VenueId == at.VenueId && r.Number == number);
        if (room is null) return (null, null, Problems.Rule(404, "room.notFound", number));
        await using var tx = await db.BeginWriteAsync();
        var session = await db.RoomSessions.AsNoTracking().Where(s => s.RoomId == room.Id && s.ClosedAt == null).OrderByDescending(s => s.OpenedAt).FirstOrDefaultAsync();
        if (session is null) return (null, null, Problems.Rule(409, "guestLink.noSession", room.Number));
        AuditScope.Name(http, "guestLink.create");
        var token = await links.ForSessionAsync(db, session, at);
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return (session, token, null);
    }

    private static async Task<IResult> LinkAsync(string number, HttpContext http, EncoreDb db, GuestLinks links)
    {
        var (session, token, refused) = await OpenLinkAsync(number, http, db, links);
        if (refused is not null) return refused;
        var at = await http.Caller().NowAsync();
        return Results.Ok(new GuestLinkView(GuestLinks.PathOf(token!), GuestLinks.ExpiresAt(session!.ClosedAt, at.Rules)));
    }

    /// <summary>The full link (scheme and host as the desk reached Encore) as an SVG QR code, for the room's screen or a table card.</summary>
    private static async Task<IResult> QrAsync(string number, HttpContext http, EncoreDb db, GuestLinks links)
    {
        var (_, token, refused) = await OpenLinkAsync(number, http, db, links);
        if (refused is not null) return refused;
        return Results.Text(QrSvg(FullUrl(http.Request, token!)), "image/svg+xml", Encoding.UTF8);
    }

    public static string FullUrl(HttpRequest request, string token) => $"{request.Scheme}://{request.Host}{GuestLinks.PathOf(token)}";

    public static string QrSvg(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(8);
    }

    /// <summary>
    /// The guest's rating. Anonymous: the token is the only key. The client address's hourly count is checked before
    /// anything else, so guessing tokens is throttled like posting; an unknown token and an expired link answer the same
    /// 404. Audited as the actor "guest" (the request has no signed-in user to name).
    /// </summary>
    private static async Task<IResult> RateAsync(string token, GuestRatingInput input, HttpContext http, EncoreDb db, HouseRulesStore store,
        TimeProvider clock, GuestAddressWindow addresses, BoardNotifier board)
    {
        var link = await GuestLinks.FindAsync(db, token);
        var session = link is null ? null : await db.RoomSessions.AsNoTracking().SingleAsync(s => s.Id == link.SessionId);
        var instant = clock.GetUtcNow();
        // An unknown token belongs to no venue: its count is held to the SPEC's default limit.
        var rules = session is null ? new Domain.HouseRules() : await store.AtAsync(session.VenueId, instant);
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "local";
        if (!addresses.TryAdmit(address, instant, rules.Complaints.GuestPostsPerAddressPerHour))
            return Problems.Rule(429, "guest.tooMany");
        if (session is null) return Problems.Rule(404, "guest.notFound");
        var at = VenueNow.At(session.VenueId, instant, rules);
        if (!GuestLinks.Works(session.ClosedAt, at)) return Problems.Rule(404, "guest.notFound");
        var since = at.Now - Hour;
        if (await db.Set<GuestRating>().CountAsync(r => r.LinkId == link!.Id && r.At > since) >= rules.Complaints.GuestPostsPerLinkPerHour)
            return Problems.Rule(429, "guest.tooMany");
        var v = new Validator().Range("rating", input.Rating, 1, 5).Text("comment", input.Comment, CommentMax, required: false);
        if (!v.Ok) return v.ToResult();

        var rating = input.Rating!.Value;
        var comment = input.Comment?.Trim() ?? "";
        var tips = input.TipSolicited == true;
        using var audit = AuditScope.Begin(new AuditActor(null, "guest", session.VenueId), "guest.rate");
        var row = new GuestRating
        {
            VenueId = session.VenueId, SessionId = session.Id, LinkId = link!.Id, Rating = rating, Comment = comment, TipSolicited = tips, At = at.Now,
        };
        Complaint? complaint = null;
        if (tips || rating <= rules.Complaints.LowRating)
        {
            var room = await db.Rooms.SingleAsync(r => r.Id == session.RoomId);
            var customer = session.BookingId is { } bookingId
                ? await (from b in db.Bookings join c in db.Customers on b.CustomerId equals c.Id where b.Id == bookingId select c).SingleOrDefaultAsync()
                : null;
            complaint = await ComplaintIntake.OpenAsync(db, at, new ComplaintIntake.Draft(
                tips ? ComplaintCategory.Tips : ComplaintCategory.Service,
                tips || rating == 1 ? ComplaintSeverity.High : ComplaintSeverity.Medium,
                ComplaintSource.Guest, Description(rating, comment, tips), room, session.Id, customer,
                customer?.Name ?? "", customer?.Phone ?? "", [], null));
            row.ComplaintId = complaint.Id;
        }
        db.Add(row);
        await db.SaveChangesAsync();
        if (complaint is not null) board.ComplaintChanged(session.VenueId, complaint.Id);
        return Results.Created((string?)null, new GuestRatingView(row.Id, rating, complaint is not null));
    }

    /// <summary>
    /// The guests' average rating (to two places) of each manager's room sessions over the business days from–to, by
    /// badge: what "ratings feed the manager's satisfaction" shows on the complaint statistics' byManager rows.
    /// </summary>
    public static async Task<Dictionary<string, decimal?>> AverageRatingByManagerAsync(EncoreDb db, Guid venue, DateOnly first, DateOnly last)
    {
        var rows = await (from g in db.Set<GuestRating>()
                          join s in db.RoomSessions on g.SessionId equals s.Id
                          join u in db.Users on s.CreditedToId equals u.Id
                          where g.VenueId == venue && s.BusinessDay >= first && s.BusinessDay <= last
                          select new { Badge = u.UserName!, g.Rating }).ToListAsync();
        return rows.GroupBy(r => r.Badge).ToDictionary(g => g.Key, g => (decimal?)decimal.Round((decimal)g.Average(r => r.Rating), 2));
    }

    /// <summary>The complaint's description in the floor's language (Chinese, as the staff's records are): the stars, the tips report, the guest's words.</summary>
    private static string Description(int rating, string comment, bool tips)
    {
        var zh = CultureInfo.GetCultureInfo("zh-CN");
        var text = string.Format(zh, Texts.Get("guest.complaintRating", zh), rating);
        if (tips) text += " " + Texts.Get("guest.complaintTips", zh);
        return comment.Length > 0 ? $"{text} {string.Format(zh, Texts.Get("guest.complaintComment", zh), comment)}" : text;
    }
}
