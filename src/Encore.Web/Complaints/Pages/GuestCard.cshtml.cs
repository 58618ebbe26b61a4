using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Encore.Web.Complaints.Pages;

/// <summary>The desk's printable table card of a room's open session: the room, the QR of the guest's link and a one-line invitation.</summary>
[Requires(Capability.ShowGuestLinks)]
public sealed class GuestCardModel(EncoreDb db, GuestLinks links, Texts texts) : PageModel
{
    public string Number { get; private set; } = "";
    public string? Link { get; private set; }
    public string? QrDataUri { get; private set; }
    public string? Refusal { get; private set; }

    public async Task OnGetAsync(string number)
    {
        Number = number;
        var (_, token, refused) = await GuestApi.OpenLinkAsync(number, HttpContext, db, links);
        if (refused is not null)
        {
            var problem = (refused as Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult)?.ProblemDetails;
            Refusal = problem?.Detail ?? texts["guest.notFound"];
            Response.StatusCode = problem?.Status ?? StatusCodes.Status404NotFound;
            return;
        }
        Link = GuestApi.FullUrl(Request, token!);
        QrDataUri = "data:image/svg+xml;base64," + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(GuestApi.QrSvg(Link)));
    }
}
