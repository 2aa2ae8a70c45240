using System.Globalization;
using System.Text.Json;
using PosLink.Domain.Audit;
using PosLink.Domain.Common;
using PosLink.Domain.Finance;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Staff;
using PosLink.Domain.Terminals;
using PosLink.Web.Components.Shared;
using PosLink.Web.Identity;

namespace PosLink.Web.Resources;

/// <summary>One field of an audit entry as a person reads it: 字段：旧值 → 新值.</summary>
public sealed record AuditChange(string Field, string? Before, string After);

/// <summary>
/// The audit trail in the reader's language: action names, object kinds, and the changed fields of each entry's
/// before/after snapshots with their values formatted (money as ¥, states and roles by name, yes/no), instead of
/// raw keys and JSON.
/// </summary>
public static class AuditTexts
{
    public static string Action(string action) => action switch
    {
        AuditActions.MerchantRegister => L.Pick("登记商户", "Merchant registered"),
        AuditActions.StoreRegister => L.Pick("登记门店", "Store registered"),
        AuditActions.TerminalRegister => L.Pick("登记终端", "Terminal registered"),
        AuditActions.TerminalActivate => L.Pick("激活终端", "Terminal activation"),
        AuditActions.TerminalDisable => L.Pick("停用终端", "Terminal disabled"),
        AuditActions.TerminalEnable => L.Pick("启用终端", "Terminal enabled"),
        AuditActions.GuaranteeTake => L.Pick("新建担保", "Hold taken"),
        AuditActions.GuaranteeComplete => L.Pick("担保完成", "Hold completed"),
        AuditActions.GuaranteeVoid => L.Pick("担保撤销", "Hold voided"),
        AuditActions.GuaranteeImport => L.Pick("导入担保", "Hold imported"),
        AuditActions.GuaranteeRefresh => L.Pick("查询状态", "Status refreshed"),
        AuditActions.GuaranteeConfirm => L.Pick("人工确认结果", "Outcome confirmed by hand"),
        AuditActions.GuaranteeResync => L.Pick("按网关同步", "Re-synced from the gateway"),
        AuditActions.GuaranteeSettlementDate => L.Pick("采用对账单结算日期", "Settlement date from the statement"),
        AuditActions.GuaranteeStatementAmount => L.Pick("对账单确认完成金额", "Completed amount confirmed by the statement"),
        AuditActions.ReconciliationRun => L.Pick("核对结算日", "Settlement date checked"),
        AuditActions.DifferenceAccept => L.Pick("接受差异", "Difference accepted"),
        AuditActions.DifferenceResync => L.Pick("差异已同步", "Difference re-synced"),
        AuditActions.StatementImport => L.Pick("导入对账单", "Statement imported"),
        AuditActions.Export => L.Pick("导出数据", "Data exported"),
        AuditActions.StaffCreate => L.Pick("新建员工", "Staff created"),
        AuditActions.StaffChange => L.Pick("修改员工", "Staff changed"),
        AuditActions.PasswordChange => L.Pick("修改密码", "Password changed"),
        AuditActions.TwoFactorChange => L.Pick("两步验证", "Two-factor sign-in"),
        AuditActions.SignIn => L.Pick("登录成功", "Signed in"),
        AuditActions.SignInFailed => L.Pick("登录失败", "Sign-in failed"),
        AuditActions.SignInLockedOut => L.Pick("登录锁定", "Sign-in locked out"),
        AuditActions.SignOut => L.Pick("退出登录", "Signed out"),
        _ => action,
    };

    /// <summary>Every action the trail records, for the filter.</summary>
    public static IReadOnlyList<string> Actions { get; } = typeof(AuditActions).GetFields()
        .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!).ToList();

    public static string ObjectType(string type) => type switch
    {
        nameof(Guarantee) => L.Pick("担保", "Hold"),
        nameof(StaffUser) => L.Pick("员工", "Staff"),
        nameof(Terminal) => L.Pick("终端", "Terminal"),
        nameof(Merchant) => L.Pick("商户", "Merchant"),
        nameof(Store) => L.Pick("门店", "Store"),
        nameof(SettlementDifference) => L.Pick("对账差异", "Difference"),
        nameof(ReconciliationRun) => L.Pick("核对", "Reconciliation run"),
        nameof(StatementImport) => L.Pick("对账单", "Statement"),
        "Export" => L.Pick("导出", "Export"),
        _ => type,
    };

    /// <summary>The fields an entry records, each with its value before (when the entry has one that differs) and after.</summary>
    public static IReadOnlyList<AuditChange> Changes(AuditRow entry, Func<int, string?>? storeName = null)
    {
        var before = Parse(entry.Before);
        var after = Parse(entry.After);
        var changes = new List<AuditChange>();
        foreach (var (key, value) in after)
        {
            var now = Value(key, value, storeName);
            string? was = before.TryGetValue(key, out var old) ? Value(key, old, storeName) : null;
            if (was != now)
            {
                changes.Add(new AuditChange(Field(key), was, now));
            }
        }
        // Fields only the "before" side has are context (the held amount of a completion, say): shown as they were.
        foreach (var (key, value) in before.Where(b => !after.ContainsKey(b.Key)))
        {
            changes.Add(new AuditChange(Field(key), null, Value(key, value, storeName)));
        }
        return changes;
    }

    private static Dictionary<string, JsonElement> Parse(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal)
                : [];
        }
        catch (JsonException)
        {
            // Not an object snapshot: shown as it is.
            return new Dictionary<string, JsonElement>(StringComparer.Ordinal) { ["value"] = JsonSerializer.SerializeToElement(json) };
        }
    }

    private static string Field(string key) => key switch
    {
        "status" => L.Status,
        "heldFen" => L.HeldAmount,
        "amountFen" => L.Amount,
        "completedFen" => L.CompletedAmount,
        "merchantOrderId" => L.MerchantOrderId,
        "orderId" => L.OrderId,
        "payCodeMasked" => L.PayCode,
        "terminal" or "terminalCode" => L.Terminal,
        "systemTraceNum" => L.Trace,
        "errCode" => "errCode",
        "reason" => L.Pick("原因", "Reason"),
        "merchantCode" => L.Pick("商户号", "Merchant code"),
        "merchantId" => L.Pick("商户", "Merchant"),
        "name" => L.Pick("名称", "Name"),
        "store" or "storeIds" => L.Store,
        "isEnabled" => L.Pick("启用", "Enabled"),
        "activation" => L.Pick("激活", "Activation"),
        "email" => L.Email,
        "displayName" => L.Pick("姓名", "Name"),
        "role" => L.Pick("角色", "Role"),
        "isDisabled" => L.Pick("停用", "Disabled"),
        "locked" => L.Pick("锁定", "Locked"),
        "passwordReset" => L.Pick("重置密码", "Password reset"),
        "mustChangePassword" => L.Pick("须修改密码", "Must change password"),
        "twoFactorEnabled" => L.Pick("两步验证", "Two-factor sign-in"),
        "secondFactor" => L.Pick("使用验证码", "With a code"),
        "note" => L.Note,
        "kind" => L.Kind,
        "state" => L.Pick("处理状态", "State"),
        "guaranteeId" => L.Pick("担保编号", "Hold id"),
        "settlementDate" => L.SettlementDate,
        "estimated" => L.Estimated,
        "statement" or "fileName" => L.Pick("对账单", "Statement"),
        "rowNumber" => L.Pick("行号", "Row"),
        "rowCount" => L.Pick("行数", "Rows"),
        "matchedCount" => L.Pick("匹配", "Matched"),
        "differenceCount" or "differences" => L.Pick("差异", "Differences"),
        "datesAdopted" => L.Pick("采用结算日期", "Dates taken"),
        "firstDate" => L.Pick("起始日期", "From"),
        "lastDate" => L.Pick("截止日期", "To"),
        "hash" => L.Pick("文件指纹", "File hash"),
        "checked" => L.Pick("核对", "Checked"),
        "agreed" => L.Pick("一致", "Agreed"),
        "notChecked" => L.Pick("未能核对", "Not checked"),
        "merchantDiscountFen" => L.MerchantDiscount,
        "otherDiscountFen" => L.OtherDiscount,
        "format" => L.Pick("格式", "Format"),
        "filter" => L.Pick("筛选条件", "Filter"),
        _ => key,
    };

    private static string Value(string key, JsonElement value, Func<int, string?>? storeName) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => "—",
        JsonValueKind.True => L.Pick("是", "yes"),
        JsonValueKind.False => L.Pick("否", "no"),
        JsonValueKind.Number when key.EndsWith("Fen", StringComparison.Ordinal) && value.TryGetInt64(out var fen) => Money.Yuan(fen),
        JsonValueKind.Array when value.GetArrayLength() == 0 => "—",
        JsonValueKind.Array => string.Join(L.Pick("、", ", "), value.EnumerateArray().Select(item =>
            key == "storeIds" && item.TryGetInt32(out var id) ? storeName?.Invoke(id) ?? id.ToString(CultureInfo.InvariantCulture) : Value(key, item, storeName))),
        JsonValueKind.String => Text(key, value.GetString()!),
        _ => value.ToString(),
    };

    private static string Text(string key, string text) => key switch
    {
        "status" when Enum.TryParse<GuaranteeStatus>(text, out var status) => StatusText.Of(status),
        "kind" when Enum.TryParse<DifferenceKind>(text, out var kind) => DifferenceTexts.Kind(kind, L.IsEnglish),
        "state" when Enum.TryParse<DifferenceState>(text, out var state) => DifferenceTexts.State(state, L.IsEnglish),
        "activation" when Enum.TryParse<ActivationState>(text, out var activation) => activation switch
        {
            ActivationState.Active => L.Pick("已激活", "Active"),
            ActivationState.Failed => L.Pick("激活失败", "Failed"),
            _ => L.Pick("未激活", "Not yet"),
        },
        "role" => text switch
        {
            StaffRole.Admin => L.Pick("管理员", "Admin"),
            StaffRole.StoreManager => L.Pick("门店经理", "Store manager"),
            StaffRole.Finance => L.Pick("财务", "Finance"),
            _ => text,
        },
        "reason" => text switch
        {
            SignInAudit.SeveralAddresses => L.Pick("多个地址登录失败，账号受保护（仅常用设备可登录）", "failures from many addresses: the account is protected (only known devices sign in)"),
            SignInAudit.Protected => L.Pick("账号受保护，此设备不是常用设备", "the account is protected and this is not a known device"),
            SignInAudit.ThisAddress => L.Pick("此地址登录失败次数过多", "too many failures from this address"),
            SignInAudit.Locked => L.Pick("账号已锁定", "the account is locked"),
            SignInAudit.Disabled => L.Pick("账号已停用", "the account is disabled"),
            _ => text,
        },
        _ => text,
    };
}
