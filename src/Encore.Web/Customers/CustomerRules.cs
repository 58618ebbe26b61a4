using System.Text.RegularExpressions;

namespace Encore.Web.Customers;

/// <summary>
/// SPEC.md "Customer files": phone formats, masking, and ownership (客户归属) — who may see a phone unmasked and
/// who may book a customer.
/// </summary>
public static partial class CustomerRules
{
    /// <summary>A mainland mobile (1[3-9] + 9 digits), a landline with area code (0 + 9–11 digits), or international (+ 6–15 digits); spaces, dashes and brackets are ignored.</summary>
    public static string? ValidPhone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone)) return null;
        var normalized = Normalize(phone);
        return Mobile().IsMatch(normalized) || Landline().IsMatch(normalized) || International().IsMatch(normalized) ? normalized : null;
    }

    /// <summary>A phone as typed, without spaces, dashes and brackets.</summary>
    public static string Normalize(string phone) => Separators().Replace(phone.Trim(), "");

    public static void Phone(Validator v, string field, string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone)) v.Add(field, "required");
        else if (ValidPhone(phone) is null) v.Add(field, "phone");
    }

    /// <summary>Keeps a file's pinyin and initials in step with its name (for search by 拼音 and 首字母).</summary>
    public static void Index(Customer customer)
    {
        var (full, initials) = Platform.Pinyin.Of(customer.Name);
        customer.Pinyin = full.Length > 200 ? full[..200] : full;
        customer.Initials = initials.Length > 50 ? initials[..50] : initials;
    }

    /// <summary>
    /// The order staff read a list of customer names in: by pinyin (Chinese collation, 安 before 王 before 张), the
    /// way a paper address book is kept. The database's own order of names is by code point, which reads as random.
    /// </summary>
    public static readonly StringComparer NameOrder = StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("zh-CN"), false);

    /// <summary>138****0001: the first three and the last four digits stay; shorter numbers keep only the last two.</summary>
    public static string Mask(string phone) =>
        phone.Length >= 9 ? phone[..3] + new string('*', phone.Length - 7) + phone[^4..]
        : phone.Length > 2 ? new string('*', phone.Length - 2) + phone[^2..] : "**";

    /// <summary>
    /// The refusal of any change to an erased file (409 naming when it was erased), or null: erased stays erased, and
    /// typing personal data back into the file would undo the guest's request. One answer for erasing again and editing.
    /// </summary>
    public static IResult? RefuseIfErased(Customer customer, VenueNow at) =>
        customer.ErasedAt is { } erased
            ? Problems.Rule(409, "customer.erased", at.Local(erased).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))
            : null;

    /// <summary>The owner and whoever manages every file (the floor, the GM) see a customer's phone; nobody else.</summary>
    public static bool SeesPhone(ClaimsPrincipal user, Customer customer) =>
        customer.OwnerId == user.StaffId() || user.Can(Capability.ManageAllCustomers);

    /// <summary>The owner, or a manager the owner or a floor manager consented to, may book the customer.</summary>
    public static Task<bool> MayBookAsync(EncoreDb db, Customer customer, Guid bookerId) => MayBookAsync(db, customer.Id, customer.OwnerId, bookerId);

    public static async Task<bool> MayBookAsync(EncoreDb db, Guid customerId, Guid ownerId, Guid bookerId) =>
        ownerId == bookerId || await db.CustomerConsents.AnyAsync(c => c.CustomerId == customerId && c.GranteeId == bookerId);

    [GeneratedRegex(@"[\s\-()]")]
    private static partial Regex Separators();

    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    private static partial Regex Mobile();

    [GeneratedRegex(@"^0\d{9,11}$")]
    private static partial Regex Landline();

    [GeneratedRegex(@"^\+\d{6,15}$")]
    private static partial Regex International();
}
