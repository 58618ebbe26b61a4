namespace Encore.Web.Customers;

/// <summary>What other features do to customer files (a booking files a new guest): the Customers feature's own service.</summary>
public static class CustomerFiles
{
    /// <summary>Flags the venue's files that may be the same person as <paramref name="customer"/> (<see cref="CustomerDuplicates"/>), never merging them.</summary>
    public static async Task FlagDuplicatesAsync(EncoreDb db, Customer customer)
    {
        // Every duplicate rule needs the same name, so only those files are looked at.
        var sameName = await db.Customers.Where(c => c.VenueId == customer.VenueId && c.Name == customer.Name && c.Id != customer.Id)
            .Select(c => new { c.Id, File = new CustomerDuplicates.CustomerFile(c.Name, c.Phone, c.Company) }).ToListAsync();
        var filed = new CustomerDuplicates.CustomerFile(customer.Name, customer.Phone, customer.Company);
        foreach (var other in sameName)
        {
            if (CustomerDuplicates.Reason(filed, other.File) is { } reason)
                db.CustomerFlags.Add(new CustomerFlag { VenueId = customer.VenueId, CustomerId = customer.Id, OtherCustomerId = other.Id, Reason = reason, CreatedAt = customer.CreatedAt });
        }
    }
}
