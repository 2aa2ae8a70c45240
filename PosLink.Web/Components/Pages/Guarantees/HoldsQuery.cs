using System.Globalization;
using PosLink.Domain.Common;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Terminals;
using PosLink.Web.Resources;

namespace PosLink.Web.Components.Pages.Guarantees;

/// <summary>
/// The holds list's filter as it stands in the address bar (<c>/guarantees?status=Held&amp;q=DEMO</c>), so a filtered
/// list can be bookmarked, shared, refreshed and left with the back button. Read back into the domain's filter with
/// every value checked: one no control offers (a forged or stale link) is left out with a message saying which and
/// why, and the domain clips whatever remains to the stores the actor may see.
/// </summary>
public sealed record HoldsQuery(
    string? Status = null, string? Store = null, string? Search = null, string? From = null, string? To = null,
    string? Min = null, string? Max = null, bool Attention = false, string? Sort = null, bool Expiring = false)
{
    public const string Open = "open";
    public const string All = "all";

    /// <summary>
    /// The status filter when none is chosen: the open holds a counter works on, but every status for a search, since a
    /// person typing "DEMO" wants the hold whatever became of it.
    /// </summary>
    public string DefaultStatus => HoldSearch.Term(Search) is null ? Open : All;

    /// <summary>The status filter in force: the one chosen, or the default.</summary>
    public string StatusOrDefault => Status ?? DefaultStatus;

    /// <summary>The query string's values, defaults left out (null removes a parameter from the address).</summary>
    public IReadOnlyDictionary<string, object?> Parameters() => new Dictionary<string, object?>
    {
        ["status"] = Status is null || Status == DefaultStatus ? null : Status,
        ["store"] = Blank(Store),
        ["q"] = Blank(Search?.Trim()),
        ["from"] = Blank(From),
        ["to"] = Blank(To),
        ["min"] = Blank(Min?.Trim()),
        ["max"] = Blank(Max?.Trim()),
        ["attention"] = Attention ? true : null,
        ["expiring"] = Expiring ? true : null,
        ["sort"] = Sort is null || Sort == nameof(GuaranteeSort.Newest) ? null : Sort,
    };

    /// <summary>The domain's filter and sort for these values, and what was left out of them (in the user's language).</summary>
    public (GuaranteeFilter Filter, GuaranteeSort Sort, IReadOnlyList<string> Problems) Read(IReadOnlyList<StoreRow> stores)
    {
        var problems = new List<string>();
        IReadOnlyCollection<GuaranteeStatus>? statuses = StatusOrDefault switch
        {
            Open => GuaranteeStatuses.Open,
            All => null,
            _ when Named<GuaranteeStatus>(StatusOrDefault) is { } one => [one],
            _ => Refused(problems, L.StatusFilterWasNotOne, GuaranteeStatuses.Open),
        };
        int? storeId = null;
        if (!string.IsNullOrEmpty(Store))
        {
            if (int.TryParse(Store, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && stores.Any(s => s.Id == id))
            {
                storeId = id;
            }
            else
            {
                problems.Add(L.StoreFilterWasNotOne);
            }
        }
        if (Search?.Trim().Length > HoldSearch.MaxLength)
        {
            problems.Add(L.SearchWasCut(HoldSearch.MaxLength));
        }
        var sort = Sort switch
        {
            null => GuaranteeSort.Newest,
            _ when Named<GuaranteeSort>(Sort) is { } named => named,
            _ => Refused(problems, L.SortFilterWasNotOne, GuaranteeSort.Newest),
        };
        var filter = new GuaranteeFilter(
            Statuses: statuses,
            StoreId: storeId,
            From: Day(From, L.From, problems),
            To: Day(To, L.To, problems),
            MinFen: Fen(Min, L.MinAmount, problems),
            MaxFen: Fen(Max, L.MaxAmount, problems),
            Search: HoldSearch.Term(Search),
            NeedsAttentionOnly: Attention,
            ExpiringSoonOnly: Expiring);
        return (filter, sort, problems);
    }

    /// <summary>Whether anything beyond status, store and search is set (the page then shows its further filters).</summary>
    public bool HasMore => From is not null || To is not null || Min is not null || Max is not null || Attention || Expiring || Sort is not null;

    /// <summary>An enum member by its name only: "3" or "Held,Voided" name none.</summary>
    private static T? Named<T>(string text) where T : struct, Enum =>
        Enum.GetNames<T>().Contains(text, StringComparer.Ordinal) ? Enum.Parse<T>(text) : null;

    private static T Refused<T>(List<string> problems, string problem, T instead)
    {
        problems.Add(problem);
        return instead;
    }

    private static DateOnly? Day(string? text, string field, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }
        problems.Add(L.FilterDateInvalid(field, Shown(text)));
        return null;
    }

    private static long? Fen(string? text, string field, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (Money.TryParseYuan(text, out var fen))
        {
            return fen;
        }
        problems.Add(L.FilterAmountInvalid(field, Shown(text)));
        return null;
    }

    /// <summary>A forged value is echoed only in part: a message stays a line however long the link.</summary>
    private static string Shown(string text) => text.Length <= 20 ? text : text[..20] + "…";

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
