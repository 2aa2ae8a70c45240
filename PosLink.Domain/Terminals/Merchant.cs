namespace PosLink.Domain.Terminals;

/// <summary>A ChinaUMS merchant (商户), identified by its 15-digit merchantCode.</summary>
public sealed class Merchant
{
    public int Id { get; init; }
    public required string MerchantCode { get; init; }
    public required string Name { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public List<Store> Stores { get; init; } = [];
}

/// <summary>A named place of a merchant where holds are taken, e.g. 静安店.</summary>
public sealed class Store
{
    public int Id { get; init; }
    public required int MerchantId { get; init; }
    public Merchant? Merchant { get; init; }
    public required string Name { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public List<Terminal> Terminals { get; init; } = [];
}
