using System.Text.Json.Serialization;

namespace Encore.Web.Customers;

/// <summary>A phone named in a text, with the customer file it belongs to when it is on file.</summary>
public sealed record PhoneMention(string Phone, Guid? CustomerId);

/// <summary>
/// Text the system writes for people to read: a fine's evidence, a booking's history, an attendance day's note.
/// <para>
/// Language: it is read in the language the READER chose, not the writer's (a sweeper has none; a desk in English
/// writes evidence a Chinese floor manager reads). So it is kept as a message key of Platform/Texts/*.json with its
/// arguments (<see cref="Say"/>), and put into words at reading time in the reader's culture. Arguments are either
/// literal (a time, a room number, what a person typed: never translated), a phone, or another such text (a
/// translated phrase, e.g. "no answer"). A count (<see cref="Part.Count"/>) picks the English singular form
/// ("1 time") from the key's ".one" variant. Text a person typed is stored as typed and shown as typed.
/// </para>
/// <para>
/// Phones: a phone named in it is kept apart with its customer file, so that each reader gets back in full exactly
/// the phones SPEC.md "Customer files" lets them see (<see cref="PhoneSight"/>), decided at reading time: a
/// handover moves it with the file.
/// </para>
/// It is stored twice: the text column holds it in the default language (Chinese) with every phone masked — what
/// an export, the audit log or a screen that knows nothing of this shows — and a JSON column beside it holds these
/// parts. Rows written before keys were kept hold English text parts (or only the text column): they are shown as
/// they were written.
/// </summary>
public sealed record PhoneText(IReadOnlyList<PhoneText.Part> Parts)
{
    /// <summary>
    /// Plain text, a phone (<see cref="Phone"/> set), or a message (<see cref="Key"/> set) put into words with
    /// <see cref="Args"/> in the reader's language; <see cref="Count"/> chooses the singular form where a language has one.
    /// </summary>
    public sealed record Part(string Text,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Phone = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? CustomerId = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Key = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<PhoneText>? Args = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Count = null);

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
                default: parts.Add(new Part(Convert.ToString(piece, CultureInfo.InvariantCulture) ?? "")); break;
            }
        return new PhoneText(parts);
    }

    /// <summary>The message <paramref name="key"/> (Platform/Texts) with its arguments, each as <see cref="Of"/> takes it.</summary>
    public static PhoneText Say(string key, params object?[] args) => new([new Part("", Key: key, Args: args.Select(a => Of(a)).ToList())]);

    /// <summary>
    /// A message about <paramref name="count"/> things (its first argument): English says "1 time" from the key's
    /// ".one" variant and "2 times" from the key itself; Chinese has one form.
    /// </summary>
    public static PhoneText Count(string key, int count, params object?[] args) =>
        new([new Part("", Key: key, Args: new object?[] { count }.Concat(args).Select(a => Of(a)).ToList(), Count: count)]);

    /// <summary>A list of texts, joined as the reader's language joins lists ("a, b" in English, "a、b" in Chinese).</summary>
    public static PhoneText List(IEnumerable<object?> items) => Of(items.SelectMany((item, i) => i == 0 ? new[] { item } : new[] { Say("list.separator"), item }).ToArray());

    [JsonIgnore] public IEnumerable<PhoneMention> Phones => Parts.SelectMany(p => p.Phone is not null
        ? Enumerable.Repeat(new PhoneMention(p.Phone, p.CustomerId), 1) : (p.Args ?? []).SelectMany(a => a.Phones));

    /// <summary>The text in the words of <paramref name="culture"/> (the request's by default), with the phones <paramref name="full"/> allows in full, every other one masked.</summary>
    public string Render(Func<PhoneMention, bool> full, CultureInfo? culture = null)
    {
        culture ??= CultureInfo.CurrentUICulture;
        return string.Concat(Parts.Select(p =>
            p.Key is { } key ? Words(key, p.Count, culture, (p.Args ?? []).Select(a => a.Render(full, culture)).ToArray())
            : p.Phone is null ? p.Text
            : full(new PhoneMention(p.Phone, p.CustomerId)) ? p.Phone : CustomerRules.Mask(p.Phone)));
    }

    private static string Words(string key, int? count, CultureInfo culture, object?[] args)
    {
        var text = Texts.Get(key, culture);
        if (count == 1 && Texts.Get(key + ".one", culture) is var one && one != key + ".one") text = one;
        return string.Format(culture, text, args);
    }

    /// <summary>What the text column stores: in the default language, every phone masked.</summary>
    [JsonIgnore] public string Masked => Render(_ => false, CultureInfo.GetCultureInfo(Texts.DefaultCulture));

    [JsonIgnore] public string Json => JsonSerializer.Serialize(this, EncoreJson.Options);

    /// <summary>The parts stored beside a text, or null for a text written before they were kept.</summary>
    public static PhoneText? Parse(string? json) =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<PhoneText>(json, EncoreJson.Options);

    /// <summary>A stored text as read without phones in full (a reader who may see none): its parts in the request's language, else as stored.</summary>
    public static string Read(string stored, string? json) => Parse(json) is { } parts ? parts.Render(_ => false) : stored;
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
