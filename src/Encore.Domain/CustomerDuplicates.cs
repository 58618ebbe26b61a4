namespace Encore.Domain;

/// <summary>
/// SPEC.md "Customer files": a phone is unique per venue, and a possible duplicate is flagged for a floor manager,
/// never merged silently. Possibly the same person: the same name with a phone one digit away (same length, at
/// most one position differs), or the same name at the same (non-empty) company.
/// </summary>
public static class CustomerDuplicates
{
    /// <summary>The reasons as they are stored on a flag and shown to the floor manager.</summary>
    public const string SimilarPhone = "same name, similar phone";
    public const string SameCompany = "same name, same company";

    public sealed record CustomerFile(string Name, string Phone, string Company);

    /// <summary>Why <paramref name="other"/> may be the same person as the new <paramref name="filed"/>; null when not.</summary>
    public static string? Reason(CustomerFile filed, CustomerFile other)
    {
        if (!string.Equals(filed.Name, other.Name, StringComparison.Ordinal)) return null;
        if (other.Phone.Length == filed.Phone.Length && other.Phone.Zip(filed.Phone).Count(p => p.First != p.Second) <= 1) return SimilarPhone;
        return filed.Company.Length > 0 && other.Company == filed.Company ? SameCompany : null;
    }
}
