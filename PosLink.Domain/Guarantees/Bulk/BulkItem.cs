namespace PosLink.Domain.Guarantees.Bulk;

/// <summary>Where one hold of a bulk run stands.</summary>
public enum BulkItemState
{
    /// <summary>Not sent yet.</summary>
    Queued,

    /// <summary>Claimed by the runner: its command is under way (a runner that stopped here left it to the hold's own recovery).</summary>
    Sending,

    /// <summary>The gateway approved.</summary>
    Done,

    /// <summary>The gateway declined, or the command refused: nothing happened to the hold.</summary>
    Refused,

    /// <summary>Not sent: someone else finalized the hold meanwhile, or it is no longer the starter's to act on.</summary>
    Skipped,

    /// <summary>Sent, no final answer yet: the status queries settle it like any other hold.</summary>
    Waiting,

    /// <summary>Not sent: above the approval threshold, it became a request for a second person (see the approvals list).</summary>
    AwaitingApproval,
}

/// <summary>One hold of a <see cref="BulkRun"/>, with the amount it had when selected and how its request ended.</summary>
public sealed class BulkItem
{
    private BulkItem()
    {
    }

    public long Id { get; private set; }
    public long BulkRunId { get; private set; }
    public long GuaranteeId { get; private set; }
    public int StoreId { get; private set; }
    public string MerchantOrderId { get; private set; } = "";

    /// <summary>The held amount when selected: what a completion captures, what a void releases.</summary>
    public long AmountFen { get; private set; }

    public BulkItemState State { get; private set; }

    /// <summary>Why it was refused or skipped, as a stored phrase (<see cref="Text.Phrase.Store()"/>).</summary>
    public string? Problem { get; private set; }

    public DateTimeOffset? FinishedAt { get; private set; }

    internal static BulkItem For(Guarantee hold) => new()
    {
        GuaranteeId = hold.Id,
        StoreId = hold.StoreId,
        MerchantOrderId = hold.MerchantOrderId ?? "",
        AmountFen = hold.HeldFen,
        State = BulkItemState.Queued,
    };
}
