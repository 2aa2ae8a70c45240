using PosLink.Domain.Guarantees;

namespace PosLink.Domain.Handovers;

/// <summary>One operator's shift: what they took, completed and voided in it, and their holds still open at its end.</summary>
public sealed record OperatorShift(
    string UserId, string Name,
    int Taken, long TakenFen,
    int Completed, long CompletedFen,
    int Voided, long VoidedFen,
    int Open, long OpenFen, DateTimeOffset? OldestOpen,
    int NeedsAttention);

/// <summary>
/// A store's shift report: per operator and in total, with the change in open holds since the last handover. Every
/// figure is counted here, once (completed amounts are <see cref="HoldFigures.CompletedFen"/>, voided ones the held
/// amount released); the page, the print and the export show these.
/// </summary>
public sealed record HandoverReport(int StoreId, string StoreName, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<OperatorShift> Operators, Handover? Previous)
{
    public OperatorShift Total => new("", "",
        Operators.Sum(o => o.Taken), Operators.Sum(o => o.TakenFen),
        Operators.Sum(o => o.Completed), Operators.Sum(o => o.CompletedFen),
        Operators.Sum(o => o.Voided), Operators.Sum(o => o.VoidedFen),
        Operators.Sum(o => o.Open), Operators.Sum(o => o.OpenFen), Operators.Min(o => o.OldestOpen),
        Operators.Sum(o => o.NeedsAttention));

    /// <summary>Open holds at this shift's end against the last handover's: null with no handover before.</summary>
    public (int Count, long Fen)? OpenChange => Previous is { } last ? (Total.Open - last.OpenCount, Total.OpenFen - last.OpenFen) : null;
}

/// <summary>A handover in a list.</summary>
public sealed record HandoverRow(long Id, int StoreId, string StoreName, DateTimeOffset From, DateTimeOffset To, string OutgoingName, string IncomingName, int OpenCount, long OpenFen);
