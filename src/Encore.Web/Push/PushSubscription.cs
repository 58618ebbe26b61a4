using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Encore.Web.Push;

/// <summary>
/// A browser's Web Push subscription (the Push API's endpoint and keys) for one member of staff: where a ping is
/// delivered when Encore is closed on that phone. One browser has one endpoint; signing in as someone else on the
/// same phone moves the endpoint to them.
/// </summary>
public sealed class WebPushSubscription : IVenueOwned
{
    public Guid Id { get; set; } = Ids.New();
    public Guid VenueId { get; set; }
    public Guid StaffId { get; set; }
    public string Endpoint { get; set; } = "";
    /// <summary>The browser's P-256 public key (base64url, 65 bytes uncompressed) the message is encrypted to.</summary>
    public string P256dh { get; set; } = "";
    /// <summary>The browser's 16-byte authentication secret (base64url).</summary>
    public string AuthSecret { get; set; } = "";
    /// <summary>The language the page was in when it subscribed: the notification's words follow it.</summary>
    public string Language { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class WebPushSubscriptionConfiguration : IEntityTypeConfiguration<WebPushSubscription>
{
    public void Configure(EntityTypeBuilder<WebPushSubscription> e)
    {
        e.ToTable("push_subscriptions");
        e.Property(x => x.Endpoint).HasMaxLength(PushApi.MaxEndpointLength);
        e.Property(x => x.P256dh).HasMaxLength(100);
        e.Property(x => x.AuthSecret).HasMaxLength(50);
        e.Property(x => x.Language).HasMaxLength(10);
        e.HasIndex(x => x.Endpoint).IsUnique();
        e.HasIndex(x => x.StaffId);
        e.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.StaffId).OnDelete(DeleteBehavior.Cascade);
    }
}
