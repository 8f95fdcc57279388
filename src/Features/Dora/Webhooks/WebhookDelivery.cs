using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fawkes.Portal.Features.Dora.Webhooks;

/// <summary>A webhook delivery already processed (GitHub's X-GitHub-Delivery), so a redelivery is not applied twice.</summary>
public sealed class WebhookDelivery
{
    public required string Source { get; set; }
    public required string DeliveryId { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> b)
    {
        b.ToTable("webhook_deliveries");
        b.HasKey(d => new { d.Source, d.DeliveryId });
        b.Property(d => d.Source).HasMaxLength(40);
        b.Property(d => d.DeliveryId).HasMaxLength(100);
    }
}
