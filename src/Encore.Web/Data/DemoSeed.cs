namespace Encore.Web.Data;

/// <summary>
/// The demo venue (ENCORE_DEMO=1): each feature adds its own part (<see cref="IFeatureData.AddDemoAsync"/>): the
/// staff, 70 rooms of every type, the catalogue, 300 customers, then 30 days of history, so that every screen has
/// something real to show. Deterministic (one fixed random seed, steps in a fixed order) so screenshots and demos
/// look the same on every machine. One audit entry sums it up instead of an entry per seeded row.
/// The demo is a chain of two (issue 21): the first venue ("main", region 华南) and a second one opened as a chain admin
/// would open it (<see cref="BranchCode"/>, region 华东), seeded the same way with its own people and its own random
/// history, so the chain summary has venues and regions to compare and the login shows the venue code.
/// </summary>
public static class DemoSeed
{
    public const string VenueName = "星光 KTV（演示店）";
    public const string Region = "华南";
    public const string BranchCode = "hangzhou";
    public const string BranchName = "星光 KTV（杭州店）";
    public const string BranchRegion = "华东";

    /// <summary>Seeds <paramref name="venue"/> (the first venue), then opens and seeds the chain's second demo venue.</summary>
    public static async Task SeedChainAsync(EncoreDb db, Venue venue, TimeProvider clock, IReadOnlyList<IFeatureData> steps)
    {
        await SeedAsync(db, venue, clock, steps, ordinal: 0);
        var branch = await Chain.VenueOpening.OpenAsync(db, steps, BranchCode, BranchName, BranchRegion, Encore.Domain.HouseRules.Defaults,
            openedBy: null, clock.GetUtcNow());
        await SeedAsync(db, branch, clock, steps, ordinal: 1);
    }

    private static async Task SeedAsync(EncoreDb db, Venue venue, TimeProvider clock, IEnumerable<IFeatureData> steps, int ordinal)
    {
        var demo = new DemoVenue(db, venue, clock.GetUtcNow(), new Random(20261122 + ordinal), ordinal);
        // The seed tracks every row it adds (later steps read earlier ones through DbSet.Local), some 20,000 by the end,
        // and EF Core scans them all for changes on each SaveChanges, each ChangeTracker.Entries() (the audit interceptor)
        // and each DbSet.Local: three scans per save, about 60% of the seed's CPU in a trace. Detecting once per save, when
        // the save begins, finds the same changes: a seed with and without this wrote the same values in every column that
        // two seeds of one build agree on (ids and wall-clock stamps aside). A warm seed: 4.5–5.5 s before, 3.4–4.0 s after.
        void DetectOnce(object? sender, SavingChangesEventArgs e)
        {
            if (demo.ScansForChanges) db.ChangeTracker.DetectChanges();
        }
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.SavingChanges += DetectOnce;
        try
        {
            using (AuditScope.Suppress())
            {
                foreach (var step in steps.OrderBy(s => s.Order))
                {
                    await step.AddDemoAsync(demo);
                    await db.SaveChangesAsync();
                }
            }
        }
        finally
        {
            db.SavingChanges -= DetectOnce;
            db.ChangeTracker.AutoDetectChangesEnabled = true;
        }
        var counts = db.ChangeTracker.Entries().GroupBy(e => e.Metadata.ClrType.Name)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => EncoreJson.Camel(g.Key), g => g.Count());
        // Thousands of seeded rows need not stay tracked (and in memory) for the summary entry below.
        db.ChangeTracker.Clear();
        using (AuditScope.Begin(AuditActor.System, "demo.seed"))
        {
            db.AuditEntries.Add(new AuditEntry
            {
                VenueId = venue.Id,
                At = demo.Now,
                ActorBadge = "system",
                Action = "demo.seed",
                EntityType = nameof(Venue),
                EntityId = venue.Id.ToString(),
                After = JsonSerializer.Serialize(counts),
            });
            await db.SaveChangesAsync();
        }
    }
}
