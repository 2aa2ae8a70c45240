using PosLink.Domain.Gateway.Messages;

namespace PosLink.Domain.Guarantees;

/// <summary>
/// Where a hold stands. <see cref="Authorizing"/>, <see cref="Completing"/> and <see cref="Voiding"/> are the
/// in-flight states: a request was sent and its outcome is not known yet, so only a status query may move them.
/// </summary>
public enum GuaranteeStatus
{
    /// <summary>担保 sent, no final answer yet.</summary>
    Authorizing,

    /// <summary>担保中: the customer's funds are held.</summary>
    Held,

    /// <summary>The hold was refused when taken (insufficient funds, …); nothing is held.</summary>
    Declined,

    /// <summary>担保完成 sent, no final answer yet.</summary>
    Completing,

    /// <summary>担保完成: captured (all or part of the held amount).</summary>
    Completed,

    /// <summary>担保撤销 sent, no final answer yet.</summary>
    Voiding,

    /// <summary>担保撤销: released.</summary>
    Voided,

    /// <summary>交易失败: the platform says the hold failed (e.g. the customer never paid).</summary>
    Failed,

    /// <summary>Past its lifetime with nothing else done: the platform has released it.</summary>
    Expired,
}

public static class GuaranteeStatuses
{
    public static bool IsInFlight(this GuaranteeStatus status) => InFlight.Contains(status);

    public static bool IsFinal(this GuaranteeStatus status) =>
        status is GuaranteeStatus.Declined or GuaranteeStatus.Completed or GuaranteeStatus.Voided or GuaranteeStatus.Failed or GuaranteeStatus.Expired;

    /// <summary>The in-flight states, as a list for queries: a request was sent and only an answer or a status query may move them.</summary>
    public static readonly IReadOnlyList<GuaranteeStatus> InFlight =
        [GuaranteeStatus.Authorizing, GuaranteeStatus.Completing, GuaranteeStatus.Voiding];

    /// <summary>Holds a store still has to do something about, or that may still change.</summary>
    public static readonly IReadOnlyList<GuaranteeStatus> Open =
        [GuaranteeStatus.Authorizing, GuaranteeStatus.Held, GuaranteeStatus.Completing, GuaranteeStatus.Voiding];

    /// <summary>The state a status query's secureStatus describes.</summary>
    public static GuaranteeStatus FromQuery(SecureStatus secure) => secure switch
    {
        SecureStatus.Held => GuaranteeStatus.Held,
        SecureStatus.Voided => GuaranteeStatus.Voided,
        SecureStatus.Completed => GuaranteeStatus.Completed,
        SecureStatus.Completing => GuaranteeStatus.Completing,
        _ => GuaranteeStatus.Failed,
    };
}
