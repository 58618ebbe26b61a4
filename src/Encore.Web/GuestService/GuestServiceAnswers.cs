using Microsoft.AspNetCore.Mvc;

namespace Encore.Web.GuestService;

public sealed record LostItemInput(string? RoomNumber, string? Description, string? Storage);

public sealed record LostItemReturnInput(string? ClaimantName, string? ClaimantPhone, string? Note);

public sealed record LostItemDisposeInput(string? Note);

/// <summary>A found item as the desk's register shows it; the claimant's phone masked for whoever does not see guests' phones.</summary>
public sealed record LostItemView(Guid Id, string RoomNumber, string Description, string Storage, string Status, DateOnly KeepUntil,
    string? FoundByBadge, DateTimeOffset FoundAt, string ClaimantName, string ClaimantPhone, string Note, string? ClosedByBadge, DateTimeOffset? ClosedAt,
    bool MayDispose);

public sealed record ValuableInput(string? GuestName, string? GuestPhone, string? Description, string? RoomNumber);

public sealed record ValuableReturnInput(string? ReceiptCode);

/// <summary>POST /api/valuables: the receipt code is answered here once, for the guest's slip, and never again.</summary>
public sealed record ValuableTaken(Guid Id, string ReceiptCode, string Status, DateTimeOffset TakenAt, string? TakenByBadge);

/// <summary>A valuable in the register (the receipt code never shown); held until returned.</summary>
public sealed record ValuableView(Guid Id, string GuestName, string GuestPhone, bool PhoneMasked, string Description, string? RoomNumber, string Status,
    string? TakenByBadge, DateTimeOffset TakenAt, string? ReturnedByBadge, string? ReturnedByName, DateTimeOffset? ReturnedAt);

public sealed record StoredDrinkInput(Guid? CustomerId, string? Item, int? Quantity);

public sealed record WithdrawInput(int? Quantity);

public sealed record StoredDrinkWithdrawalView(int Quantity, int Remaining, string? ByBadge, DateTimeOffset At);

/// <summary>A stored bottle: how many were stored, how many remain, the last day to withdraw, and every withdrawal.</summary>
public sealed record StoredDrinkView(Guid Id, Guid CustomerId, string CustomerName, string CustomerPhone, string? OwnerBadge, string Item, int Quantity, int Remaining,
    DateTimeOffset StoredAt, string? StoredByBadge, DateOnly ExpiresOn, bool Expired, IReadOnlyList<StoredDrinkWithdrawalView> Withdrawals);

/// <summary>GET /api/stored-drinks/customers: a customer to store drinks for, the phone masked.</summary>
public sealed record DrinkCustomer(Guid Id, string Name, string Phone, string? OwnerBadge);

public sealed record EraseInput(string? Reason);

/// <summary>POST /api/customers/{id}/erase: what was cleared (by name only) and what was kept.</summary>
public sealed record CustomerErased(Guid Id, string Name, DateTimeOffset ErasedAt, IReadOnlyList<string> Cleared, int Bookings);

/// <summary>A refusal (409) that names the input field it is about, so a form shows it next to that field.</summary>
internal static class FieldConflict
{
    public static IResult Of(string field, string textKey, params object?[] args)
    {
        var detail = string.Format(CultureInfo.CurrentUICulture, Texts.Get(textKey, CultureInfo.CurrentUICulture), args);
        return TypedResults.Problem(new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Title = Texts.Get("problem.409", CultureInfo.CurrentUICulture),
            Detail = detail,
            Type = $"https://encore.example/problems/{textKey}",
            Extensions = { ["errors"] = new Dictionary<string, string[]> { [field] = [detail] } },
        });
    }
}
