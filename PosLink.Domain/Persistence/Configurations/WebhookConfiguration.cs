using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PosLink.Domain.Terminals;
using PosLink.Domain.Webhooks;

namespace PosLink.Domain.Persistence.Configurations;

public sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> builder)
    {
        builder.Property(e => e.Url).HasMaxLength(WebhookAddress.MaxLength);
        builder.Property(e => e.ProtectedSecret).HasMaxLength(1000);
        builder.Property(e => e.CreatedByName).HasMaxLength(50);
        builder.HasOne<Merchant>().WithMany().HasForeignKey(e => e.MerchantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => e.MerchantId);
    }
}

public sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.Property(d => d.EventId).HasMaxLength(40);
        builder.Property(d => d.Type).HasMaxLength(40);
        builder.Property(d => d.LastError).HasMaxLength(40);
        builder.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(d => d.EndpointId).OnDelete(DeleteBehavior.Cascade);
        // The dispatcher's due deliveries; an endpoint's log, newest first.
        builder.HasIndex(d => new { d.DeliveredAt, d.GaveUpAt, d.NextAttemptAt });
        builder.HasIndex(d => new { d.EndpointId, d.Id });
    }
}

public sealed class WebhookAttemptConfiguration : IEntityTypeConfiguration<WebhookAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookAttempt> builder)
    {
        builder.Property(a => a.Error).HasMaxLength(40);
        builder.HasOne<WebhookDelivery>().WithMany().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => a.DeliveryId);
    }
}
