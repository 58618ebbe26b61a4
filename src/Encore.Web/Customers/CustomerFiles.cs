namespace Encore.Web.Customers;

/// <summary>What other features do to customer files (a booking files a new guest): the Customers feature's own service.</summary>
public static class CustomerFiles
{
    /// <summary>
    /// New customers (SPEC.md: "at least 7 submitted by mid-month") per owner: files created in
    /// [<paramref name="from"/>, <paramref name="to"/>), counted for whoever owns them now (a handover moves them). The
    /// standings and the floor watch count the same way.
    /// </summary>
    public static Task<Dictionary<Guid, int>> NewPerOwnerAsync(EncoreDb db, Guid venueId, DateTimeOffset from, DateTimeOffset to) =>
        db.Customers.Where(c => c.VenueId == venueId && c.CreatedAt >= from && c.CreatedAt < to)
            .GroupBy(c => c.OwnerId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);

    /// <summary>Flags the venue's files that may be the same person as <paramref name="customer"/> (<see cref="CustomerDuplicates"/>), never merging them.</summary>
    public static async Task FlagDuplicatesAsync(EncoreDb db, Customer customer) =>
        db.CustomerFlags.AddRange(await DuplicateFlagsAsync(db, customer));

    /// <summary>The flags <see cref="FlagDuplicatesAsync"/> adds, not added: for a writer that inserts them itself (a booking's new file).</summary>
    public static async Task<List<CustomerFlag>> DuplicateFlagsAsync(EncoreDb db, Customer customer)
    {
        // One file: a compiled query by name (issue 15), the same comparison.
        var sameName = new List<Filed>();
        await foreach (var other in SameName.For(db)(db, customer.VenueId, customer.Name)) sameName.Add(other);
        return DuplicateFlags(customer, sameName);
    }

    /// <summary>
    /// The flags for a new file among files already read; only those of its name can be flagged (every duplicate rule
    /// needs the same name). A booking reads them with its booker (Bookings/Create.cs).
    /// </summary>
    public static List<CustomerFlag> DuplicateFlags(Customer customer, IEnumerable<Filed> others)
    {
        var flags = new List<CustomerFlag>();
        var filed = new CustomerDuplicates.CustomerFile(customer.Name, customer.Phone, customer.Company);
        foreach (var other in others)
            if (other.Id != customer.Id && CustomerDuplicates.Reason(filed, other.File) is { } reason)
                flags.Add(Flag(customer, other.Id, reason));
        return flags;
    }

    /// <summary>A file on record, as the duplicate rules compare it.</summary>
    public sealed record Filed(Guid Id, CustomerDuplicates.CustomerFile File)
    {
        public static Filed Of(Customer c) => new(c.Id, new CustomerDuplicates.CustomerFile(c.Name, c.Phone, c.Company));
    }

    private static readonly CompiledQuery<Func<EncoreDb, Guid, string, IAsyncEnumerable<Filed>>> SameName = new(() =>
        EF.CompileAsyncQuery((EncoreDb db, Guid venue, string name) => db.Customers.AsNoTracking()
            .Where(c => c.VenueId == venue && c.Name == name)
            .Select(c => new Filed(c.Id, new CustomerDuplicates.CustomerFile(c.Name, c.Phone, c.Company)))));

    private static CustomerFlag Flag(Customer customer, Guid otherId, string reason) =>
        new() { VenueId = customer.VenueId, CustomerId = customer.Id, OtherCustomerId = otherId, Reason = reason, CreatedAt = customer.CreatedAt };

    /// <summary>
    /// The flags for many new files at once (an import), not yet added: one query per <see cref="Database.ValuesPerStatement"/> distinct
    /// names, not one per file, so a 20,000-line import asks 20 questions. Only files already in the database are
    /// compared, as a single create compares them (two lines of one file are not flagged against each other).
    /// </summary>
    public static async Task<List<CustomerFlag>> DuplicatesAsync(EncoreDb db, IReadOnlyList<Customer> customers)
    {
        var flags = new List<CustomerFlag>();
        if (customers.Count == 0) return flags;
        var venue = customers[0].VenueId;
        var ids = customers.Select(c => c.Id).ToHashSet();
        // Every duplicate rule needs the same name, so only those files are looked at.
        foreach (var names in customers.Select(c => c.Name).Distinct().Chunk(Database.ValuesPerStatement))
        {
            var sameName = (await db.Customers.AsNoTracking().Where(c => c.VenueId == venue && names.Contains(c.Name))
                    .Select(c => new { c.Id, File = new CustomerDuplicates.CustomerFile(c.Name, c.Phone, c.Company) }).ToListAsync())
                .Where(o => !ids.Contains(o.Id)).ToLookup(o => o.File.Name);
            var asked = names.ToHashSet();
            foreach (var customer in customers.Where(c => asked.Contains(c.Name)))
            {
                var filed = new CustomerDuplicates.CustomerFile(customer.Name, customer.Phone, customer.Company);
                foreach (var other in sameName[customer.Name])
                {
                    if (CustomerDuplicates.Reason(filed, other.File) is { } reason)
                        flags.Add(Flag(customer, other.Id, reason));
                }
            }
        }
        return flags;
    }
}
