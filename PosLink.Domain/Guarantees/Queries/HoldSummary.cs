namespace PosLink.Domain.Guarantees;

/// <summary>
/// The holds of one store in one status, counted and summed: kept by database triggers on every insert, update and
/// delete of a hold (whatever the path: a service's save, a bulk update, a migration), so that the totals the holds
/// grid shows for a store and status filter are a read of a few rows instead of a scan of a million
/// (installed by the HoldSummaries migrations; <see cref="Persistence.HoldSummarySql"/> counts them afresh).
/// </summary>
public sealed class HoldSummary
{
    public int StoreId { get; init; }
    public GuaranteeStatus Status { get; init; }
    public long Count { get; init; }
    public long HeldFen { get; init; }
    public long CompletedFen { get; init; }
}
