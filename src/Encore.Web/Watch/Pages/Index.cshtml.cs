using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Encore.Web.Watch.Pages;

/// <summary>
/// The floor watch, phone first: a business day's customer managers under the contact minimum and, from the
/// house-rule day of the month, under the new-customer quota (the floor manager and the GM: everyone; a department
/// head: their own department), and for the floor and the GM the coming seven business days' bookings and VIP
/// arrivals. Server-rendered from the same queries as GET /api/oversight/contacts and GET /api/forecast.
/// </summary>
[Requires(Capability.WatchContacts)]
public sealed class IndexModel(EncoreDb db, Caller caller) : PageModel
{
    public ContactWatch Contacts { get; private set; } = null!;
    public Forecast? Forecast { get; private set; }
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(string? businessDay)
    {
        var at = await caller.NowAsync();
        Today = at.Today;
        // A day that does not read (or lies outside the window) shows tonight, as the other day pickers do.
        if (at.ParseDay("businessDay", businessDay, out var day) is not null) day = at.Today;
        Contacts = await WatchApi.ContactWatchAsync(db, caller, at, day);
        if (caller.Can(Capability.SeeForecast)) Forecast = await WatchApi.ForecastAsync(db, at, at.Today);
    }

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
