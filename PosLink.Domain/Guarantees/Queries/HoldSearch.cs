namespace PosLink.Domain.Guarantees;

/// <summary>
/// What the holds search box finds: what a person at the counter has in hand. The start of a merchant order id or of
/// the gateway's order id ("DEMO" finds DEMO-STMT-A), the last four digits of the pay code (a customer reads them off
/// the screen), a fragment of the remark, a retrieval reference number, a trace number or an authorization code.
/// </summary>
public static class HoldSearch
{
    /// <summary>
    /// Longer than any field searched (order ids are 64 at most): a longer term could find nothing, so it is cut
    /// here, before any work, whatever a request sends.
    /// </summary>
    public const int MaxLength = 64;

    /// <summary>The term the search runs with: trimmed and bounded, or null when there is none.</summary>
    public static string? Term(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var term = text.Trim();
        return term.Length > MaxLength ? term[..MaxLength] : term;
    }

    /// <summary>Whether the term reads as the last four digits of a pay code.</summary>
    public static bool IsPayCodeEnding(string term) => term.Length == 4 && term.All(char.IsAsciiDigit);

    /// <summary>
    /// Holds matching the term. EF sends the term as a parameter and escapes LIKE's wildcards in it, so "%" or "_"
    /// find themselves, not everything.
    /// </summary>
    public static IQueryable<Guarantee> Matching(IQueryable<Guarantee> q, string term) => IsPayCodeEnding(term)
        ? q.Where(g => g.PayCodeMasked.EndsWith(term) || g.MerchantOrderId!.StartsWith(term) || g.OrderId!.StartsWith(term)
            || g.SystemTraceNum == term || g.AuthorizationCode == term || g.MerchantRemark!.Contains(term))
        : q.Where(g => g.MerchantOrderId!.StartsWith(term) || g.OrderId!.StartsWith(term) || g.RetrievalRefNum == term || g.FinalRetrievalRefNum == term
            || g.SystemTraceNum == term || g.AuthorizationCode == term || g.MerchantRemark!.Contains(term));
}
