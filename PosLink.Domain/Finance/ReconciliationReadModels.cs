using System.Linq.Expressions;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Persistence;

namespace PosLink.Domain.Finance;

/// <summary>One reconciliation run as the page lists it.</summary>
public sealed record RunRow(long Id, DateOnly SettlementDate, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, string StartedByName,
    int Checked, int Agreed, int Differences, int NotChecked, bool Abandoned);

/// <summary>One difference, with where it belongs and both sides' values.</summary>
public sealed record DifferenceRow(
    long Id, DateOnly SettlementDate, DifferenceSource Source, DifferenceKind Kind, string? Field, long? GuaranteeId, string? StoreName, string? MerchantOrderId,
    string? OrderId, string? RetrievalRefNum, GuaranteeStatus? OurStatus, GuaranteeStatus? TheirStatus, long? OurFen, long? TheirFen,
    DateOnly? OurDate, DateOnly? TheirDate, DateTimeOffset FoundAt, DateTimeOffset LastSeenAt, DifferenceState State, DateTimeOffset? ResolvedAt,
    string? ResolvedByName, string? ResolutionNote);

/// <summary>What the differences list filters by; dates are settlement dates (China calendar), both ends included.</summary>
public sealed record DifferenceFilter(DateOnly? From = null, DateOnly? To = null, DifferenceState? State = DifferenceState.Open, DifferenceKind? Kind = null,
    DifferenceSource? Source = null, int? StoreId = null);

/// <summary>
/// Where one settlement date stands: its last finished run, whether one is running, its open differences, and
/// whether a statement for it was imported. <see cref="Clean"/>: checked in full, and nothing open.
/// </summary>
public sealed record DayStatus(DateOnly SettlementDate, RunRow? LastRun, bool Running, int OpenDifferences, int StatementRows)
{
    public bool Clean => LastRun is { NotChecked: 0, Abandoned: false } && OpenDifferences == 0;
}

/// <summary>An imported statement as the statements page lists it.</summary>
public sealed record StatementImportRow(long Id, string MerchantName, string FileName, int RowCount, int MatchedCount, int DifferenceCount, int DatesAdopted,
    long AmountFen, long? FeeFen, DateOnly FirstDate, DateOnly LastDate, DateTimeOffset ImportedAt, string ImportedByName);

public static class ReconciliationProjections
{
    public static readonly Expression<Func<ReconciliationRun, RunRow>> Run = r => new RunRow(
        r.Id, r.SettlementDate, r.StartedAt, r.FinishedAt, r.StartedByName, r.Checked, r.Agreed, r.Differences, r.Unchecked, r.Abandoned);

    public static Expression<Func<SettlementDifference, DifferenceRow>> Difference(PosLinkDbContext db) => d => new DifferenceRow(
        d.Id, d.SettlementDate, d.Source, d.Kind, d.Field, d.GuaranteeId,
        db.Stores.Where(s => s.Id == d.StoreId).Select(s => s.Name).FirstOrDefault(),
        db.Guarantees.Where(g => g.Id == d.GuaranteeId).Select(g => g.MerchantOrderId).FirstOrDefault(),
        d.OrderId, d.RetrievalRefNum, d.OurStatus, d.TheirStatus, d.OurFen, d.TheirFen, d.OurDate, d.TheirDate, d.FoundAt, d.LastSeenAt, d.State,
        d.ResolvedAt, d.ResolvedByName, d.ResolutionNote);
}
