using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Components;
using PosLink.Domain.Common;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Time;
using PosLink.Web.Components.Shared;
using PosLink.Web.Resources;

namespace PosLink.Web.Components.Pages.Guarantees;

/// <summary>
/// The cells of a holds row that carry no handler, written as one piece of markup: one render-tree frame for the lot
/// instead of some forty. A circuit keeps a component's frames twice (this render's and the last) and its largest
/// batch's once more, so a 50-row list's frames were most of what a holds tab holds on the server (B13). Every value
/// is encoded; letters of every script are left as they are, so the markup reads as the page does.
/// </summary>
internal static class HoldRowCells
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>
    /// Each row's markup, kept while the row lives. The tabs of a store share their rows (SharedReads), and a page
    /// re-rendered for a busy button shows the same rows: either way the markup is written once, for the language
    /// and the day counts it was written with.
    /// </summary>
    private static readonly ConditionalWeakTable<GuaranteeRow, Written> Markup = new();

    private sealed record Written(string Language, int AgeDays, int ExpiresInDays, MarkupString Cells);

    public static MarkupString Of(GuaranteeRow row, DateTimeOffset now)
    {
        var (language, age, expires) = (CultureInfo.CurrentUICulture.Name, Math.Max(0, (int)(now - row.CreatedAt).TotalDays), (int)Math.Ceiling((row.ExpiresAt - now).TotalDays));
        if (Markup.TryGetValue(row, out var written) && written.Language == language && written.AgeDays == age && written.ExpiresInDays == expires)
        {
            return written.Cells;
        }
        var cells = Write(row, age, expires);
        Markup.AddOrUpdate(row, new Written(language, age, expires, cells));
        return cells;
    }

    private static MarkupString Write(GuaranteeRow row, int age, int expires)
    {
        var html = new StringBuilder(768);
        html.Append("<td><a href=\"/guarantees/").Append(row.Id.ToString(CultureInfo.InvariantCulture)).Append("\">").Append(Text(row.MerchantOrderId ?? row.OrderId))
            .Append("</a><br /><small>").Append(Text(row.PayCodeMasked)).Append("</small></td>");
        html.Append("<td class=\"store\">").Append(Text(row.StoreName)).Append("</td>");
        html.Append("<td class=\"wide-only\">").Append(Text(row.TerminalCode)).Append("</td>");
        html.Append("<td class=\"money\">").Append(Text(Money.Yuan(row.HeldFen)));
        if (row.Figures.CompletedFen is { } done)
        {
            html.Append("<br /><small>").Append(Text($"{L.CompletedAmount} {Money.Yuan(done)}")).Append("</small>");
        }
        else if (row.Status == GuaranteeStatus.Completing && row.CompletionFen is { } completing)
        {
            html.Append("<br /><small>").Append(Text($"{L.Completing} {Money.Yuan(completing)}")).Append("</small>");
        }
        html.Append("</td><td><span class=\"").Append(StatusChip.Css(row.Status)).Append("\" data-testid=\"status\">").Append(Text(L.Name(row.Status))).Append("</span>");
        if (row.NeedsAttention)
        {
            html.Append("<span class=\"status status-attention\">").Append(Text(L.NeedsAttention)).Append("</span>");
        }
        html.Append("</td><td class=\"wide-only date\">").Append(ChinaTime.ToChina(row.CreatedAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)).Append("</td><td>");
        // How long the customer's money has been held: only while it is; a finished hold's status says the rest.
        if (!row.Status.IsFinal())
        {
            html.Append("<span class=\"tag\">").Append(Text(L.DaysAgo(age))).Append("</span>");
        }
        if (row.Status == GuaranteeStatus.Held)
        {
            html.Append(expires <= 3 ? "<span class=\"tag tag-warning\" data-testid=\"expires\">" : "<span class=\"tag\" data-testid=\"expires\">")
                .Append(Text(L.ExpiresInDays(expires))).Append("</span>");
        }
        return new MarkupString(html.Append("</td>").ToString());
    }

    private static string Text(string? value) => value is null ? "" : Encoder.Encode(value);
}
