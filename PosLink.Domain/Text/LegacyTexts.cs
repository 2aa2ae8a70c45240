using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Persistence;

namespace PosLink.Domain.Text;

/// <summary>
/// Texts the ledger stored before it stored phrases: bilingual sentences ("平台报告交易失败… (the platform reports…)")
/// in attention reasons, errInfo, settle notes and resolution notes. Each known sentence becomes the phrase it meant,
/// with its arguments, so it reads right in every language; anything else (the gateway's own words, a person's note)
/// is left as it is. Run at start, after the schema migrations; a second run finds nothing to do.
/// </summary>
public static partial class LegacyTexts
{
    private static readonly Dictionary<string, GuaranteeStatus> Statuses = new(StringComparer.Ordinal)
    {
        ["担保处理中"] = GuaranteeStatus.Authorizing,
        ["担保中"] = GuaranteeStatus.Held,
        ["已拒绝"] = GuaranteeStatus.Declined,
        ["完成处理中"] = GuaranteeStatus.Completing,
        ["已完成"] = GuaranteeStatus.Completed,
        ["撤销处理中"] = GuaranteeStatus.Voiding,
        ["已撤销"] = GuaranteeStatus.Voided,
        ["交易失败"] = GuaranteeStatus.Failed,
        ["已过期"] = GuaranteeStatus.Expired,
    };

    /// <summary>The phrase an old stored text meant, or null when it is not one of the app's own sentences.</summary>
    public static Phrase? Read(string text)
    {
        Match m;
        if ((m = Unresolved().Match(text)).Success)
        {
            return new Phrase("Attention.Unresolved", int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        }
        if ((m = PlatformDisagrees().Match(text)).Success && Status(m.Groups[1]) is { } theirs && Status(m.Groups[2]) is { } ours)
        {
            return new Phrase("Attention.PlatformDisagrees", theirs, ours);
        }
        if ((m = NotThisHold().Match(text)).Success)
        {
            return new Phrase("Attention.NotThisHold", m.Groups[1].Value);
        }
        if ((m = TradeDayOver().Match(text)).Success)
        {
            return new Phrase("Attention.TradeDayOver", m.Groups[1].Value);
        }
        if ((m = AnsweredWhile().Match(text)).Success && Enum.TryParse<Gateway.GatewayEndpoint>(m.Groups[2].Value, out var endpoint) && Status(m.Groups[4]) is { } status)
        {
            return new Phrase(m.Groups[1].Value == "确认" ? "Attention.ApprovedWhile" : "Attention.RefusedWhile", endpoint, m.Groups[3].Value, status);
        }
        if ((m = CheckFailed().Match(text)).Success)
        {
            return new Phrase("Attention.CheckFailed", m.Groups[1].Value);
        }
        if ((m = ByQuery().Match(text)).Success && Enum.IsDefined(typeof(SecureStatus), int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)))
        {
            return new Phrase("Settled.ByQuery", GuaranteeStatuses.FromQuery((SecureStatus)int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)));
        }
        if ((m = ByHand().Match(text)).Success && Status(m.Groups[1]) is { } confirmed)
        {
            return new Phrase("Settled.ByHand", confirmed, m.Groups[2].Value);
        }
        if ((m = Resynced().Match(text)).Success && Status(m.Groups[1]) is { } from)
        {
            return m.Groups[2].Success && Status(m.Groups[2]) is { } to
                ? new Phrase("Note.ResyncedFrom", from, to)
                : new Phrase("Note.Resynced", from);
        }
        return text switch
        {
            _ when text.StartsWith("平台报告交易失败，但此担保曾确认成功", StringComparison.Ordinal) => new Phrase("Attention.FailedAfterConfirmed"),
            _ when text.StartsWith("已超过有效期，平台仍显示担保中", StringComparison.Ordinal) => new Phrase("Attention.HeldPastLifetime"),
            _ when text.StartsWith("网关查无此担保，但它曾确认成功", StringComparison.Ordinal) => new Phrase("Attention.ConfirmedHoldNotFound"),
            "网关查无此交易 (the gateway has no such transaction)" => new Phrase("ErrInfo.NoSuchTransaction"),
            "交易失败 (the platform reports the hold failed)" => new Phrase("ErrInfo.PlatformFailed"),
            _ when text.StartsWith("未记录到应答（进程在发送后停止）", StringComparison.Ordinal) => new Phrase("ErrInfo.Abandoned"),
            "查询：网关查无此交易" => new Phrase("Settled.NotFound"),
            "再次核对一致 (agreed when checked again)" => new Phrase("Note.AgreedWhenCheckedAgain"),
            _ => null,
        };
    }

    /// <summary>Rewrites every old stored text of the ledger as the phrase it meant.</summary>
    public static async Task MigrateAsync(PosLinkDbContext db, CancellationToken cancellationToken = default)
    {
        // Only texts that are not stored phrases yet can be old sentences.
        const string Marker = Phrase.StoredPrefix;
        foreach (var hold in await db.Guarantees.Where(g => (g.AttentionReason != null && !g.AttentionReason.StartsWith(Marker)) || (g.LastErrInfo != null && !g.LastErrInfo.StartsWith(Marker))).ToListAsync(cancellationToken))
        {
            hold.RestoreTexts(Convert(hold.AttentionReason), Convert(hold.LastErrInfo));
        }
        foreach (var operation in await db.GatewayOperations.Where(o => (o.ErrInfo != null && !o.ErrInfo.StartsWith(Marker)) || (o.SettledNote != null && !o.SettledNote.StartsWith(Marker))).ToListAsync(cancellationToken))
        {
            operation.RestoreTexts(Convert(operation.ErrInfo), Convert(operation.SettledNote));
        }
        foreach (var difference in await db.SettlementDifferences.Where(d => d.ResolutionNote != null && !d.ResolutionNote.StartsWith(Marker)).ToListAsync(cancellationToken))
        {
            difference.RestoreNote(Convert(difference.ResolutionNote));
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string? Convert(string? text) => text is not null && Read(text) is { } phrase ? phrase.Store(200) : text;

    private static GuaranteeStatus? Status(Group name) => Statuses.TryGetValue(name.Value, out var status) ? status : null;

    [GeneratedRegex(@"^超过(\d+)小时仍无最终结果")]
    private static partial Regex Unresolved();

    [GeneratedRegex(@"^平台显示此担保为(\S+?)，与本地的(\S+?)不符")]
    private static partial Regex PlatformDisagrees();

    [GeneratedRegex(@"^按流水号(\d+)查到的交易与本担保不符")]
    private static partial Regex NotThisHold();

    [GeneratedRegex(@"^请求的交易日(\d{4}-\d{2}-\d{2})已过")]
    private static partial Regex TradeDayOver();

    [GeneratedRegex(@"^网关(确认|拒绝)了(\w+)（([^）]*)），但担保此时为(\S+?) \(")]
    private static partial Regex AnsweredWhile();

    [GeneratedRegex(@"^检查此担保时出错，已推迟重试：(\w+) \(")]
    private static partial Regex CheckFailed();

    [GeneratedRegex(@"^查询结果 secureStatus (\d+)$")]
    private static partial Regex ByQuery();

    [GeneratedRegex(@"^人工确认为(\S+?)：(.*)$", RegexOptions.Singleline)]
    private static partial Regex ByHand();

    [GeneratedRegex(@"^已按网关同步：(\S+?)(?: → (\S+?))? \(re-synced")]
    private static partial Regex Resynced();
}
