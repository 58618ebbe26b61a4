using System.Text;
using System.Text.RegularExpressions;

namespace Encore.Web.Accounts;

/// <summary>
/// SPEC.md "Market development": the pipeline's rules — the order of the stages, what a move needs, who sees a
/// contact's phone and who may work an account — and how duplicates are recognised.
/// </summary>
public static partial class AccountPipeline
{
    /// <summary>
    /// The problem with moving an account from <paramref name="from"/> to <paramref name="to"/> given a reason, or null
    /// when the move is allowed as far as the stages go (a contract for <c>contracted</c> is checked by the caller):
    /// lost needs a reason; forward more than one step (a skip) needs one; back out of lost needs one. Moving back
    /// one or more steps is allowed without: the pipeline records where the account stands, not a score.
    /// </summary>
    public static RuleProblem? Move(AccountStage from, AccountStage to, string? reason)
    {
        var given = !string.IsNullOrWhiteSpace(reason);
        if (to == AccountStage.Lost) return given ? null : new RuleProblem("reason", "required", []);
        if (from == AccountStage.Lost) return given ? null : new RuleProblem("reason", "stageReopen", []);
        // The enum lists the pipeline's stages in order (lead … contracted); lost was handled above.
        var skipped = (int)to - (int)from - 1;
        return skipped > 0 && !given ? new RuleProblem("reason", "stageSkip", from.Code(), to.Code()) : null;
    }

    /// <summary>The owner and whoever manages every account (the floor, the GM) see a contact's phone; nobody else.</summary>
    public static bool SeesPhone(ClaimsPrincipal user, Account account) =>
        account.OwnerId == user.StaffId() || user.Can(Capability.ManageAllAccounts);

    /// <summary>Only the owner and the floor change an account: its activities, stage, contacts and contracts.</summary>
    public static bool MayWork(ClaimsPrincipal user, Account account) =>
        user.Can(Capability.WorkAccounts) && SeesPhone(user, account);

    /// <summary>
    /// A company's name as duplicates are compared: lower case, without spaces and punctuation, and without the legal
    /// form at its end (有限公司, Co., Ltd.) — "杭州星辰科技有限公司" and "杭州星辰科技 公司" are one company.
    /// </summary>
    public static string NormalizeCompany(string company)
    {
        var s = new StringBuilder();
        foreach (var c in company.Normalize(NormalizationForm.FormKC).ToLowerInvariant())
            if (char.IsLetterOrDigit(c)) s.Append(c);
        var text = s.ToString();
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var suffix in LegalForms)
                if (text.Length > suffix.Length && text.EndsWith(suffix, StringComparison.Ordinal))
                {
                    text = text[..^suffix.Length];
                    changed = true;
                }
        }
        return text.Length > 100 ? text[..100] : text;
    }

    private static readonly string[] LegalForms =
        ["股份有限公司", "有限责任公司", "有限公司", "分公司", "公司", "limited", "company", "corp", "ltd", "inc", "co"];

    /// <summary>The contact phone as stored: the customer files' rules (mobile, landline, international).</summary>
    public static string? ValidPhone(string? phone) => Customers.CustomerRules.ValidPhone(phone);

    /// <summary>How a masked phone reads: the customer files' mask.</summary>
    public static string Mask(string phone) => Customers.CustomerRules.Mask(phone);

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    /// <summary>Comma-separated tags, trimmed, without empties or repeats (full-width commas too).</summary>
    public static string Tags(string? text) =>
        string.Join(",", (text ?? "").Split([',', '，', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => Spaces().Replace(t, " ")).Distinct());
}

public sealed record BadgeAndName(string Badge, string Name);

/// <summary>The badges and names of the people an account page names (activities' authors, contracts' deciders).</summary>
public static class AccountPeople
{
    public static async Task<Dictionary<Guid, BadgeAndName>> BadgesAndNamesAsync(this EncoreDb db, IEnumerable<Guid> ids)
    {
        var list = ids.Distinct().ToList();
        return await db.Users.Where(u => list.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => new BadgeAndName(u.UserName!, u.Name));
    }
}
