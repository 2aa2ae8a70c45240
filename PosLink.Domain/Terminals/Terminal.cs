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
    public required int StoreId { get; set; }
    public Store? Store { get; init; }
    public required string TerminalCode { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>A disabled terminal takes no new holds; its open holds can still be finalized.</summary>
    public bool IsEnabled { get; set; } = true;

    public ActivationState Activation { get; set; }
    public DateTimeOffset? ActivatedAt { get; set; }
    public DateTimeOffset? LastActivationAttemptAt { get; set; }
    public string? LastActivationErrCode { get; set; }
    public string? LastActivationErrInfo { get; set; }
    public int ActivationFailures { get; set; }

    /// <summary>The last system trace number handed out; only the trace-number allocator changes it, atomically in SQL.</summary>
    public int LastSystemTraceNum { get; init; }

    /// <summary>Whether holds may be taken on it now.</summary>
    public bool CanTakeHolds => IsEnabled && Activation == ActivationState.Active;
}
