using PosLink.Domain.Guarantees;
using PosLink.Domain.Staff;
using PosLink.Domain.Text;

namespace PosLink.Domain.Finance;

/// <summary>What kind of disagreement reconciliation found.</summary>
public enum DifferenceKind
{
    /// <summary>The gateway (or the statement) has the hold in another state than we do: held or voided where we say completed, and so on.</summary>
    StatusMismatch,

    /// <summary>Same state, another amount (completed, held, a discount, or the statement's amount).</summary>
    AmountMismatch,

    /// <summary>The gateway does not know an order we settled.</summary>
    UnknownToGateway,

    /// <summary>The statement has a row that matches none of our holds.</summary>
    StatementOnly,

    /// <summary>We have a completion settled that day which the statement lacks.</summary>
    LedgerOnly,

    /// <summary>The statement settles a completion on another day than the platform told us.</summary>
    DateMismatch,

    /// <summary>
    /// A completion found after its settlement date was reconciled (by a query, a re-sync or a person; its date is our
    /// estimate): the day's totals changed after it was checked.
    /// </summary>
    CompletedAfterCheck,
}

/// <summary>Where a difference was seen.</summary>
public enum DifferenceSource
{
    Gateway,
    Statement,
}

/// <summary>Where a difference stands.</summary>
public enum DifferenceState
{
    /// <summary>To be looked at.</summary>
    Open,

    /// <summary>The hold was brought in line with the gateway by a person's re-sync.</summary>
    Resynced,

    /// <summary>A person accepted it, with a note saying why.</summary>
    Accepted,

    /// <summary>A later check found the two sides agree again.</summary>
    Cleared,
}

/// <summary>
/// One disagreement between our ledger and the gateway or the settlement statement, for one settlement date. Each
/// subject (a hold, or a statement row nobody owns) has at most one per source and date (<see cref="Key"/>): a later
/// check updates it, clears it, or reopens it, so that re-running a day never duplicates what a person has to read.
/// </summary>
public sealed class SettlementDifference
{
    // For EF Core; differences are made by Observe.
    private SettlementDifference()
    {
    }

    public long Id { get; private set; }
    public DateOnly SettlementDate { get; private set; }
    public DifferenceSource Source { get; private set; }
    public string Key { get; private set; } = "";
    public DifferenceKind Kind { get; private set; }

    /// <summary>For an amount: which one (see <see cref="DifferenceFields"/>).</summary>
    public string? Field { get; private set; }

    public int MerchantId { get; private set; }

    /// <summary>The hold's store, for who may see it; null for a statement row that matches no hold.</summary>
    public int? StoreId { get; private set; }
    public long? GuaranteeId { get; private set; }
    public string? OrderId { get; private set; }
    public string? RetrievalRefNum { get; private set; }
    public GuaranteeStatus? OurStatus { get; private set; }
    public GuaranteeStatus? TheirStatus { get; private set; }
    public long? OurFen { get; private set; }
    public long? TheirFen { get; private set; }
    public DateOnly? OurDate { get; private set; }
    public DateOnly? TheirDate { get; private set; }

    public DateTimeOffset FoundAt { get; private set; }
    public DateTimeOffset LastSeenAt { get; private set; }
    public long? RunId { get; private set; }
    public long? ImportId { get; private set; }

    /// <summary>The statement import that last saw it (saved with it when both are new).</summary>
    public StatementImport? Import { get; private set; }

    public DifferenceState State { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }
    public string? ResolvedByUserId { get; private set; }
    public string? ResolvedByName { get; private set; }
    public string? ResolutionNote { get; private set; }

    /// <summary>Optimistic concurrency: two people resolving the same difference cannot both succeed.</summary>
    public long Version { get; private set; }

    public static SettlementDifference Open(DateOnly settlementDate, DifferenceSource source, string key, DifferenceFinding finding, DateTimeOffset now, long? runId,
        StatementImport? import)
    {
        var difference = new SettlementDifference { SettlementDate = settlementDate, Source = source, Key = key, FoundAt = now };
        difference.Observe(finding, now, runId, import);
        return difference;
    }

    /// <summary>
    /// The same subject found apart again. An accepted difference stays accepted while the finding is the same; a new
    /// finding, or one after a re-sync or a clearing, opens it again.
    /// </summary>
    public void Observe(DifferenceFinding finding, DateTimeOffset now, long? runId, StatementImport? import)
    {
        var same = Kind == finding.Kind && Field == finding.Field && OurStatus == finding.OurStatus && TheirStatus == finding.TheirStatus &&
                   OurFen == finding.OurFen && TheirFen == finding.TheirFen && OurDate == finding.OurDate && TheirDate == finding.TheirDate;
        if (!(State == DifferenceState.Accepted && same) && State != DifferenceState.Open)
        {
            (State, ResolvedAt, ResolvedByUserId, ResolvedByName, ResolutionNote) = (DifferenceState.Open, null, null, null, null);
            FoundAt = now;
        }
        (Kind, Field, MerchantId, StoreId, GuaranteeId, OrderId, RetrievalRefNum) =
            (finding.Kind, finding.Field, finding.MerchantId, finding.StoreId, finding.GuaranteeId, finding.OrderId, finding.RetrievalRefNum);
        (OurStatus, TheirStatus, OurFen, TheirFen, OurDate, TheirDate) =
            (finding.OurStatus, finding.TheirStatus, finding.OurFen, finding.TheirFen, finding.OurDate, finding.TheirDate);
        LastSeenAt = now;
        RunId = runId ?? RunId;
        Import = import ?? Import;
        Version++;
    }

    /// <summary>A later check found both sides agree: an open difference closes by itself.</summary>
    public bool Clear(DateTimeOffset now)
    {
        if (State != DifferenceState.Open)
        {
            return false;
        }
        (State, ResolvedAt, ResolvedByUserId, ResolvedByName, ResolutionNote) = (DifferenceState.Cleared, now, null, Staff.Actor.System.Name, new Phrase("Note.AgreedWhenCheckedAgain").Store());
        Version++;
        return true;
    }

    /// <summary>A person closes it: re-synced from the gateway, or accepted with a note.</summary>
    /// <summary>The stored note rewritten in its current form (<see cref="LegacyTexts"/>).</summary>
    internal void RestoreNote(string? note) => ResolutionNote = note;

    public void Resolve(DifferenceState state, Actor actor, string note, DateTimeOffset now)
    {
        (State, ResolvedAt, ResolvedByUserId, ResolvedByName, ResolutionNote) = (state, now, actor.UserId, actor.Name, note);
        Version++;
    }
}

/// <summary>What a check found about one subject: the kind, and both sides' values.</summary>
public sealed record DifferenceFinding(
    DifferenceKind Kind, int MerchantId, int? StoreId, long? GuaranteeId, string? OrderId, string? RetrievalRefNum,
    GuaranteeStatus? OurStatus = null, GuaranteeStatus? TheirStatus = null, long? OurFen = null, long? TheirFen = null,
    DateOnly? OurDate = null, DateOnly? TheirDate = null, string? Field = null);

/// <summary>The amounts an <see cref="DifferenceKind.AmountMismatch"/> can be about.</summary>
public static class DifferenceFields
{
    public const string Completed = "completed";
    public const string Held = "held";
    public const string MerchantDiscount = "merchant-discount";
    public const string OtherDiscount = "other-discount";

    /// <summary>The statement's amount against our completed amount.</summary>
    public const string StatementAmount = "statement-amount";
}
