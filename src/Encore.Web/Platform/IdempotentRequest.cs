namespace Encore.Web.Data;

/// <summary>A remembered answer to a request sent with an Idempotency-Key, replayed when the same request repeats.</summary>
public sealed class IdempotentRequest
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ActorId { get; set; }
    public required string Key { get; set; }
    public required string Fingerprint { get; set; }
    public int StatusCode { get; set; }
    public string? ContentType { get; set; }
    public string? Body { get; set; }
    public string? Location { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
