using System.Security.Cryptography;
using System.Text.Json;
using PosLink.Domain.Finance;
using PosLink.Domain.Guarantees;

namespace PosLink.Domain.Webhooks;

/// <summary>
/// The events a merchant's system hears of, and their bodies: JSON in camelCase, amounts in fen (long), times in UTC
/// ISO 8601. A body is built once, when the change is saved, and posted byte for byte as signed.
/// </summary>
public static class WebhookEvents
{
    public const string Held = "guarantee.held";
    public const string Completed = "guarantee.completed";
    public const string Voided = "guarantee.voided";
    public const string Expired = "guarantee.expired";
    public const string NeedsAttention = "guarantee.needs_attention";
    public const string Difference = "reconciliation.difference";

    public static readonly IReadOnlyList<string> All = [Held, Completed, Voided, Expired, NeedsAttention, Difference];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The event a hold's new status is, if it is one a merchant hears of.</summary>
    public static string? ForStatus(GuaranteeStatus status) => status switch
    {
        GuaranteeStatus.Held => Held,
        GuaranteeStatus.Completed => Completed,
        GuaranteeStatus.Voided => Voided,
        GuaranteeStatus.Expired => Expired,
        _ => null,
    };

    /// <summary>A new event id: unguessable, so a receiver may also use it as a key.</summary>
    public static string NewId() => "evt_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static string Body(string eventId, string type, DateTimeOffset at, Guarantee g)
    {
        var figures = HoldFigures.Of(g);
        return JsonSerializer.Serialize(new
        {
            Id = eventId,
            Type = type,
            CreatedAt = at.ToUniversalTime(),
            Data = new
            {
                GuaranteeId = g.Id,
                g.MerchantOrderId,
                g.OrderId,
                g.StoreId,
                Status = g.Status.ToString(),
                figures.HeldFen,
                figures.CompletedFen,
                figures.ReleasedFen,
                g.RetrievalRefNum,
                g.ExpiresAt,
                g.NeedsAttention,
            },
        }, Json);
    }

    public static string Body(string eventId, DateTimeOffset at, SettlementDifference d) => JsonSerializer.Serialize(new
    {
        Id = eventId,
        Type = Difference,
        CreatedAt = at.ToUniversalTime(),
        Data = new
        {
            DifferenceId = d.Id,
            Kind = d.Kind.ToString(),
            d.SettlementDate,
            d.GuaranteeId,
            d.OrderId,
            d.StoreId,
            d.OurFen,
            d.TheirFen,
        },
    }, Json);
}
