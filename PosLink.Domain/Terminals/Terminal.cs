namespace PosLink.Domain.Terminals;

/// <summary>Where a terminal stands with ChinaUMS's 激活终端.</summary>
public enum ActivationState
{
    /// <summary>Registered here, never activated: no hold may be taken on it yet.</summary>
    NotActivated,

    /// <summary>Activated at least once (the spec requires one success before any hold).</summary>
    Active,

    /// <summary>The last activation attempt failed; the reason is kept.</summary>
    Failed,
}

/// <summary>
/// A ChinaUMS terminal (终端, 8 characters) of one merchant, placed in one store. It owns the counter its
/// system trace numbers come from.
/// </summary>
public sealed class Terminal
{
    public int Id { get; init; }
    public required int MerchantId { get; init; }
    public Merchant? Merchant { get; init; }
    public required int StoreId { get; init; }
    public Store? Store { get; init; }
    public required string TerminalCode { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>A disabled terminal takes no new holds; its open holds can still be finalized.</summary>
    public bool IsEnabled { get; private set; } = true;

    public ActivationState Activation { get; private set; }
    public DateTimeOffset? ActivatedAt { get; private set; }
    public DateTimeOffset? LastActivationAttemptAt { get; private set; }
    public string? LastActivationErrCode { get; private set; }
    public string? LastActivationErrInfo { get; private set; }
    public int ActivationFailures { get; private set; }

    /// <summary>The last system trace number handed out; only the trace-number allocator changes it, atomically in SQL.</summary>
    public int LastSystemTraceNum { get; init; }

    /// <summary>Whether holds may be taken on it now.</summary>
    public bool CanTakeHolds => IsEnabled && Activation == ActivationState.Active;

    /// <summary>Disables or re-enables it; returns whether that changed anything.</summary>
    public bool Enable(bool enabled)
    {
        var changed = IsEnabled != enabled;
        IsEnabled = enabled;
        return changed;
    }

    /// <summary>
    /// What an activation (激活终端) came to: active on approval; otherwise the reason is kept and the failure counted
    /// for the backoff, though a terminal once active stays usable (the spec asks for one success, not for the latest).
    /// </summary>
    public void ActivationAnswered(bool approved, string? errCode, string? errInfo, DateTimeOffset at)
    {
        (LastActivationAttemptAt, LastActivationErrCode, LastActivationErrInfo) = (at, errCode, errInfo);
        if (approved)
        {
            (Activation, ActivatedAt, ActivationFailures) = (ActivationState.Active, at, 0);
            return;
        }
        if (Activation != ActivationState.Active)
        {
            Activation = ActivationState.Failed;
        }
        ActivationFailures++;
    }
}
