using PosLink.Domain.Gateway.Messages;

namespace PosLink.Domain.Guarantees;

/// <summary>What can happen to a hold: our own requests, the gateway's answers to them, and what a status query reports.</summary>
public enum GuaranteeEvent
{
    AuthorizeApproved,
    AuthorizeDeclined,
    BeginComplete,
    CompleteApproved,
    CompleteDeclined,
    BeginVoid,
    VoidApproved,
    VoidDeclined,

    /// <summary>A query answered secureStatus 0 (担保中).</summary>
    QueryHeld,

    /// <summary>secureStatus 1 (担保撤销).</summary>
    QueryVoided,

    /// <summary>secureStatus 2 (担保完成).</summary>
    QueryCompleted,

    /// <summary>secureStatus 3 (正在完成担保).</summary>
    QueryCompleting,

    /// <summary>secureStatus 6 (交易失败).</summary>
    QueryFailed,

    /// <summary>Past its lifetime and a query confirmed nothing else happened.</summary>
    Expire,

    /// <summary>A person (an admin, with a note) confirms the hold as held, having checked with the platform.</summary>
    ConfirmHeld,

    /// <summary>A person confirms it completed, with the amount.</summary>
    ConfirmCompleted,

    /// <summary>A person confirms it voided.</summary>
    ConfirmVoided,

    /// <summary>A person confirms it failed: nothing is held.</summary>
    ConfirmFailed,

    /// <summary>Reconciliation found a settled hold apart from the platform, and a person re-synced it: a fresh query says 担保中.</summary>
    ResyncHeld,

    /// <summary>A re-sync: the platform says 担保完成 (perhaps for another amount).</summary>
    ResyncCompleted,

    /// <summary>A re-sync: the platform says 担保撤销.</summary>
    ResyncVoided,
}

public static class GuaranteeEvents
{
    public static GuaranteeEvent FromQuery(SecureStatus status) => status switch
    {
        SecureStatus.Held => GuaranteeEvent.QueryHeld,
        SecureStatus.Voided => GuaranteeEvent.QueryVoided,
        SecureStatus.Completed => GuaranteeEvent.QueryCompleted,
        SecureStatus.Completing => GuaranteeEvent.QueryCompleting,
        SecureStatus.Failed => GuaranteeEvent.QueryFailed,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
