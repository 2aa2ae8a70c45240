using PosLink.Domain.Guarantees;

namespace PosLink.Domain.Finance;

/// <summary>How the settlements page groups completions.</summary>
public enum SettlementGrouping
{
    Day,
    Store,
    Terminal,
}

/// <summary>A settlement date range (China calendar days, both ends included), grouped, and optionally narrowed to a store or terminal.</summary>
public sealed record SettlementFilter(DateOnly From, DateOnly To, SettlementGrouping GroupBy = SettlementGrouping.Day, int? StoreId = null, int? TerminalId = null)
{
    public const int MaxDays = 366;
}

/// <summary>
/// The money of a set of completions, in fen: the sums of each hold's <see cref="HoldFigures"/>, so that a total and the
/// rows under it can never disagree. <see cref="Estimated"/> counts completions whose settlement date is only our
/// estimate (no answer or statement gave it yet): they are counted, and shown as such.
/// </summary>
public sealed record SettlementFigures(int Completions, long HeldFen, long CompletedFen, long ReleasedFen, long MerchantDiscountFen, long OtherDiscountFen, long PaidFen, int Estimated)
{
    public static readonly SettlementFigures Zero = new(0, 0, 0, 0, 0, 0, 0, 0);

    public long DiscountFen => MerchantDiscountFen + OtherDiscountFen;

    public SettlementFigures Plus(SettlementFigures other) => new(
        Completions + other.Completions, HeldFen + other.HeldFen, CompletedFen + other.CompletedFen, ReleasedFen + other.ReleasedFen,
        MerchantDiscountFen + other.MerchantDiscountFen, OtherDiscountFen + other.OtherDiscountFen, PaidFen + other.PaidFen, Estimated + other.Estimated);
}

/// <summary>One row of the settlements table: a day, a store or a terminal, with its figures.</summary>
public sealed record SettlementGroup(SettlementGroupKey Key, string Label, SettlementFigures Figures);

/// <summary>Which completions a group holds: the drill-down asks for them by this key.</summary>
public sealed record SettlementGroupKey(DateOnly? Day = null, int? StoreId = null, int? TerminalId = null);

/// <summary>Completed money on one settlement date, for the chart (every day of the range, zero included).</summary>
public sealed record SettlementDayPoint(DateOnly Day, long CompletedFen, int Completions);

/// <summary>The settlements page: groups, their totals, and the daily series.</summary>
public sealed record SettlementReport(SettlementFilter Filter, IReadOnlyList<SettlementGroup> Groups, SettlementFigures Totals, IReadOnlyList<SettlementDayPoint> Daily);

/// <summary>One completion in a drill-down or an export. Its money is <see cref="Figures"/>.</summary>
public sealed record SettlementHoldRow(
    long Id, DateOnly SettlementDate, bool SettlementDateEstimated, string StoreName, string TerminalCode, string? MerchantOrderId, string? OrderId,
    string? RetrievalRefNum, long HeldFen, long? CompletionFen, bool CompletedFenEstimated, long MerchantDiscountFen, long OtherDiscountFen,
    DateTimeOffset? FinalizedAt, string? FinalizedByName, string? ThirdPartyName)
{
    public HoldFigures Figures => HoldFigures.Of(GuaranteeStatus.Completed, HeldFen, CompletionFen, MerchantDiscountFen, OtherDiscountFen);
}
