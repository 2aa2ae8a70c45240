using System.Globalization;
using System.Text.Json;
using PosLink.Domain.Audit;
using PosLink.Domain.Common;
using PosLink.Domain.Finance;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Staff;
using PosLink.Domain.Terminals;

namespace PosLink.Web.Resources;

/// <summary>One field of an audit entry as a person reads it: 字段：旧值 → 新值.</summary>
public sealed record AuditChange(string Field, string? Before, string After);

/// <summary>The names behind the ids audit entries keep (stores, merchants, terminals, staff), as far as the page knows them.</summary>
public sealed record AuditNames(
    IReadOnlyDictionary<int, string> Stores,
    IReadOnlyDictionary<int, string> Merchants,
    IReadOnlyDictionary<int, string> Terminals,
    IReadOnlyDictionary<string, string> Staff)
{
    public static readonly AuditNames None = new(new Dictionary<int, string>(), new Dictionary<int, string>(), new Dictionary<int, string>(), new Dictionary<string, string>());

    public string? Of(IReadOnlyDictionary<int, string> names, string id) =>
        int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var key) ? names.GetValueOrDefault(key) : null;
}

/// <summary>
/// The audit trail in the reader's language: action names, object kinds, and the changed fields of each entry's
/// before/after snapshots with their values formatted (money as ¥, states and roles by name, yes/no), instead of
/// raw keys and JSON.
/// </summary>
public static class AuditTexts
{
    public static string Action(string action) => L.Lookup("AuditAction." + action) ?? action;

    /// <summary>What an entry is about, by name: a store, merchant, terminal or person as staff know them, an export by what it held; a hold by its number.</summary>
    public static string Subject(AuditRow entry, AuditNames names) => (entry.ObjectType switch
    {
        nameof(Store) => names.Of(names.Stores, entry.ObjectId),
        nameof(Merchant) => names.Of(names.Merchants, entry.ObjectId),
        nameof(Terminal) => names.Of(names.Terminals, entry.ObjectId),
        nameof(StaffUser) => names.Staff.GetValueOrDefault(entry.ObjectId),
        "Export" => L.Lookup("AuditExport." + entry.ObjectId),
        _ => null,
    }) ?? "#" + entry.ObjectId;

    /// <summary>Every action the trail records, for the filter.</summary>
    public static IReadOnlyList<string> Actions { get; } = typeof(AuditActions).GetFields()
        .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!).ToList();

    public static string ObjectType(string type) => L.Lookup("AuditObject." + type) ?? type;

    /// <summary>The fields an entry records, each with its value before (when the entry has one that differs) and after.</summary>
    public static IReadOnlyList<AuditChange> Changes(AuditRow entry, AuditNames names)
    {
        var before = Parse(entry.Before);
        var after = Parse(entry.After);
        var changes = new List<AuditChange>();
        foreach (var (key, value) in after)
        {
            var now = Value(key, value, names);
            string? was = before.TryGetValue(key, out var old) ? Value(key, old, names) : null;
            if (was != now)
            {
                changes.Add(new AuditChange(Field(key), was, now));
            }
        }
        // Fields only the "before" side has are context (the held amount of a completion, say): shown as they were.
        foreach (var (key, value) in before.Where(b => !after.ContainsKey(b.Key)))
        {
            changes.Add(new AuditChange(Field(key), null, Value(key, value, names)));
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

    private static string Field(string key) => L.Lookup("AuditField." + key) ?? key;

    private static string Value(string key, JsonElement value, AuditNames names) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => "—",
        JsonValueKind.True => L.Text("Export.Yes"),
        JsonValueKind.False => L.Text("Export.No"),
        JsonValueKind.Number when key.EndsWith("Fen", StringComparison.Ordinal) && value.TryGetInt64(out var fen) => Money.Yuan(fen),
        JsonValueKind.Number when key is "storeIds" or "storeId" or "store" => names.Of(names.Stores, value.ToString()) ?? value.ToString(),
        JsonValueKind.Number when key is "merchantId" => names.Of(names.Merchants, value.ToString()) ?? value.ToString(),
        JsonValueKind.Number when key is "terminalId" => names.Of(names.Terminals, value.ToString()) ?? value.ToString(),
        JsonValueKind.Array when value.GetArrayLength() == 0 => "—",
        JsonValueKind.Array => string.Join(L.ListSeparator, value.EnumerateArray().Select(item =>
            Value(key, item, names))),
        JsonValueKind.String => Text(key, value.GetString()!),
        _ => value.ToString(),
    };

    private static string Text(string key, string text) => key switch
    {
        "status" when Enum.TryParse<GuaranteeStatus>(text, out var status) => L.Name(status),
        "kind" when Enum.TryParse<DifferenceKind>(text, out var kind) => L.Name(kind),
        "state" when Enum.TryParse<DifferenceState>(text, out var state) => L.Name(state),
        "activation" when Enum.TryParse<ActivationState>(text, out var activation) => L.Name(activation),
        "type" when L.Lookup("WebhookEventType." + text) is { } eventType => eventType,
        "approval" when Enum.TryParse<PosLink.Domain.Guarantees.Approvals.ApprovalKind>(text, out var approval) => L.Name(approval),
        "role" => L.Lookup("StaffRole." + text) ?? text,
        "reason" => L.Lookup("SignInReason." + text) ?? text,
        "format" => text.ToUpperInvariant(),
        _ => L.Stored(text),
    };
}
