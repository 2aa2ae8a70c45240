using System.Text.Json;
using PosLink.Domain.Staff;

namespace PosLink.Domain.Audit;

/// <summary>Builds audit entries; snapshots are small anonymous objects of what a person would want to compare.</summary>
public static class AuditTrail
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public static AuditEntry Entry(Actor actor, string action, string objectType, object objectId, object? before, object? after, DateTimeOffset now) => new()
    {
        At = now,
        ActorUserId = actor.UserId,
        ActorName = actor.Name,
        Origin = actor.Origin,
        Action = action,
        ObjectType = objectType,
        ObjectId = Convert.ToString(objectId, System.Globalization.CultureInfo.InvariantCulture) ?? "",
        Before = before is null ? null : JsonSerializer.Serialize(before, Json),
        After = after is null ? null : JsonSerializer.Serialize(after, Json),
    };
}

/// <summary>The audited actions.</summary>
public static class AuditActions
{
    public const string MerchantRegister = "merchant.register";
    public const string StoreRegister = "store.register";
    public const string TerminalRegister = "terminal.register";
    public const string TerminalActivate = "terminal.activate";
    public const string TerminalDisable = "terminal.disable";
    public const string TerminalEnable = "terminal.enable";
    public const string GuaranteeTake = "guarantee.take";
    public const string GuaranteeComplete = "guarantee.complete";
    public const string GuaranteeVoid = "guarantee.void";
    public const string GuaranteeImport = "guarantee.import";
    public const string GuaranteeRefresh = "guarantee.refresh";
    public const string GuaranteeConfirm = "guarantee.confirm";
    public const string GuaranteeResync = "guarantee.resync";
    public const string GuaranteeRollover = "guarantee.rollover";
    public const string ApprovalRequest = "approval.request";
    public const string ApprovalApprove = "approval.approve";
    public const string ApprovalReject = "approval.reject";
    public const string ApprovalWithdraw = "approval.withdraw";
    public const string WebhookRegister = "webhook.register";
    public const string WebhookEnable = "webhook.enable";
    public const string WebhookDisable = "webhook.disable";
    public const string WebhookResend = "webhook.resend";
    public const string GuaranteeSettlementDate = "guarantee.settlement-date";
    public const string GuaranteeStatementAmount = "guarantee.statement-amount";
    public const string ReconciliationRun = "reconciliation.run";
    public const string BulkStart = "bulk.start";
    public const string Handover = "handover";
    public const string DifferenceAccept = "difference.accept";
    public const string DifferenceResync = "difference.resync";
    public const string StatementImport = "statement.import";
    public const string Export = "export";
    public const string StaffCreate = "staff.create";
    public const string StaffChange = "staff.change";
    public const string PasswordChange = "staff.password";
    public const string TwoFactorChange = "staff.two-factor";
    public const string SignIn = "signin.success";
    public const string SignInFailed = "signin.failure";
    public const string SignInLockedOut = "signin.lockout";

    /// <summary>The reason a <see cref="SignInLockedOut"/> gives when a distributed guess put the account under protection.</summary>
    public const string SeveralAddresses = "several-addresses";
    public const string SignOut = "signin.signout";
    public const string LedgerBackup = "ledger.backup";

    /// <summary>Written into a backup copy only, never into the live ledger: a ledger that has it was restored from a copy.</summary>
    public const string LedgerRestored = "ledger.restored";
    public const string LedgerRecoveryWindow = "ledger.recovery-window";
    public const string LedgerRecovered = "ledger.recovered";
}
