using System.Text.Json.Serialization;

namespace Encore.Web.Customers;

/// <summary>A phone named in a text, with the customer file it belongs to when it is on file.</summary>
public sealed record PhoneMention(string Phone, Guid? CustomerId);

/// <summary>
/// Text the system writes about a guest that names phones (a failed verification in a booking's history and in
/// the cheating fine's evidence). It is kept twice: the text column holds it with every phone masked — what an
/// export, the audit log or a screen that knows nothing of this shows — and a JSON column holds the same text in
/// parts, the phones apart with their customer file, so that each reader gets back in full exactly the phones
/// SPEC.md "Customer files" lets them see (<see cref="PhoneSight"/>), decided at reading time: a handover moves
/// it with the file.
/// </summary>
public sealed record PhoneText(IReadOnlyList<PhoneText.Part> Parts)
{
    /// <summary>Either plain text or a phone (<see cref="Phone"/> set).</summary>
    public sealed record Part(string Text, string? Phone = null, Guid? CustomerId = null);

    /// <summary>Joins strings, <see cref="PhoneMention"/>s and other <see cref="PhoneText"/>s into one text.</summary>
    public static PhoneText Of(params object?[] pieces)
    {
        var parts = new List<Part>();
        foreach (var piece in pieces)
            switch (piece)
            {
                case null: break;
                case PhoneMention m: parts.Add(new Part("", m.Phone, m.CustomerId)); break;
                case PhoneText t: parts.AddRange(t.Parts); break;
                default: parts.Add(new Part(piece.ToString() ?? "")); break;
            }
        return new PhoneText(parts);
    }

    [JsonIgnore] public IEnumerable<PhoneMention> Phones => Parts.Where(p => p.Phone is not null).Select(p => new PhoneMention(p.Phone!, p.CustomerId));

    /// <summary>The text with the phones <paramref name="full"/> allows in full, every other one masked.</summary>
    public string Render(Func<PhoneMention, bool> full) =>
        string.Concat(Parts.Select(p => p.Phone is null ? p.Text : full(new PhoneMention(p.Phone, p.CustomerId)) ? p.Phone : CustomerRules.Mask(p.Phone)));

    /// <summary>What the text column stores: every phone masked.</summary>
    [JsonIgnore] public string Masked => Render(_ => false);

    [JsonIgnore] public string Json => JsonSerializer.Serialize(this, EncoreJson.Options);

    /// <summary>The parts stored beside a text, or null for a text that names no phone (or was written before they were kept).</summary>
    public static PhoneText? Parse(string? json) =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<PhoneText>(json, EncoreJson.Options);
}

/// <summary>
/// Which phones one reader sees in full (SPEC.md "Customer files"): those of the customers they own now, and
/// every one for who manages every file (the floor manager, the GM). A phone not on file is nobody's customer:
/// only the latter see it. Owners are read once for all the texts of an answer.
/// </summary>
public sealed class PhoneSight
{
    private readonly Guid me;
    private readonly bool all;
    private readonly IReadOnlyDictionary<Guid, Guid> owners;

    private PhoneSight(Guid me, bool all, IReadOnlyDictionary<Guid, Guid> owners) => (this.me, this.all, this.owners) = (me, all, owners);

    public static async Task<PhoneSight> ForAsync(EncoreDb db, ClaimsPrincipal reader, IEnumerable<PhoneText?> texts)
    {
        var all = reader.Can(Capability.ManageAllCustomers);
        var ids = texts.OfType<PhoneText>().SelectMany(t => t.Phones).Select(p => p.CustomerId).OfType<Guid>().Distinct().ToList();
        var owners = ids.Count == 0 ? new Dictionary<Guid, Guid>()
            : await db.Customers.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.OwnerId);
        return new PhoneSight(reader.StaffId(), all, owners);
    }

    /// <summary>How many phones this reader was shown in full without owning the customer (the floor, the GM): such reads are audited.</summary>
    public int ShownToNonOwner { get; private set; }

    public bool Sees(PhoneMention phone)
    {
        if (phone.CustomerId is { } id && owners.TryGetValue(id, out var owner) && owner == me) return true;
        if (all) ShownToNonOwner++;
        return all;
    }

    /// <summary>The text as this reader may read it: the stored (masked) text when no parts were kept.</summary>
    public string Render(string stored, PhoneText? parts) => parts is null ? stored : parts.Render(Sees);
}
