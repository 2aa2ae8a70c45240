using System.Globalization;
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

    public static MarkupString Of(GuaranteeRow row, DateTimeOffset now)
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
            html.Append("<span class=\"tag\">").Append(Text(L.DaysAgo(Math.Max(0, (int)(now - row.CreatedAt).TotalDays)))).Append("</span>");
        }
        if (row.Status == GuaranteeStatus.Held)
        {
            var days = (int)Math.Ceiling((row.ExpiresAt - now).TotalDays);
            html.Append(days <= 3 ? "<span class=\"tag tag-warning\" data-testid=\"expires\">" : "<span class=\"tag\" data-testid=\"expires\">")
                .Append(Text(L.ExpiresInDays(days))).Append("</span>");
        }
        return new MarkupString(html.Append("</td>").ToString());
    }

    private static string Text(string? value) => value is null ? "" : Encoder.Encode(value);
}
