namespace Encore.Web.Data;

/// <summary>A remembered answer to a request sent with an Idempotency-Key, replayed when the same request repeats.</summary>
public sealed class IdempotentRequest
{
    public Guid Id { get; set; } = Ids.New();
    public Guid ActorId { get; set; }
    public required string Key { get; set; }
    public required string Fingerprint { get; set; }
    public int StatusCode { get; set; }
    public string? ContentType { get; set; }
    public string? Body { get; set; }
    public string? Location { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class IdempotentRequestConfiguration : IEntityTypeConfiguration<IdempotentRequest>
{
    public void Configure(EntityTypeBuilder<IdempotentRequest> e)
    {
        e.ToTable("idempotent_requests");
        e.Property(x => x.Key).HasMaxLength(100);
        e.Property(x => x.Fingerprint).HasMaxLength(100);
        e.Property(x => x.ContentType).HasMaxLength(100);
        e.Property(x => x.Location).HasMaxLength(200);
        e.HasIndex(x => new { x.ActorId, x.Key }).IsUnique();
        e.HasIndex(x => x.CreatedAt);
    }
}
