using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using PosLink.Domain.Common;
using PosLink.Domain.Exports;
using PosLink.Domain.Finance;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Text;

namespace PosLink.Web.Exports;

/// <summary>
/// A page's filter as an export link's query string, and back: the link downloads exactly what the page shows. A
/// value no page would write is refused with the parameter and the rule, never silently widened.
/// </summary>
public static class ExportQuery
{
    public const string Prefix = "/exports";

    public static string Guarantees(ExportFormat format, GuaranteeFilter f, GuaranteeSort sort) => Link("guarantees", format, new Dictionary<string, string?>
    {
        ["status"] = f.Statuses is { Count: > 0 } s ? string.Join(',', s) : null,
        ["store"] = f.StoreId?.ToString(CultureInfo.InvariantCulture),
        ["terminal"] = f.TerminalId?.ToString(CultureInfo.InvariantCulture),
        ["from"] = Date(f.From),
        ["to"] = Date(f.To),
        ["min"] = f.MinFen?.ToString(CultureInfo.InvariantCulture),
        ["max"] = f.MaxFen?.ToString(CultureInfo.InvariantCulture),
        ["q"] = f.Search,
        ["attention"] = f.NeedsAttentionOnly ? "true" : null,
        ["expiring"] = f.ExpiringSoonOnly ? "true" : null,
        ["sort"] = sort == GuaranteeSort.Newest ? null : sort.ToString(),
    });

    public static string Settlements(ExportFormat format, SettlementFilter f) => Link("settlements", format, new Dictionary<string, string?>
    {
        ["from"] = Date(f.From),
        ["to"] = Date(f.To),
        ["store"] = f.StoreId?.ToString(CultureInfo.InvariantCulture),
        ["terminal"] = f.TerminalId?.ToString(CultureInfo.InvariantCulture),
    });

    public static string Differences(ExportFormat format, DifferenceFilter f) => Link("reconciliation", format, new Dictionary<string, string?>
    {
        ["from"] = Date(f.From),
        ["to"] = Date(f.To),
        ["state"] = f.State?.ToString() ?? "all",
        ["kind"] = f.Kind?.ToString(),
        ["source"] = f.Source?.ToString(),
        ["store"] = f.StoreId?.ToString(CultureInfo.InvariantCulture),
    });

    public static Result<(GuaranteeFilter Filter, GuaranteeSort Sort)> ParseGuarantees(IQueryCollection q)
    {
        var reader = new Reader(q);
        var statuses = reader.List<GuaranteeStatus>("status");
        var filter = new GuaranteeFilter(statuses, reader.Int("store"), reader.Int("terminal"), reader.Date("from"), reader.Date("to"), reader.Long("min"), reader.Long("max"),
            reader.Text("q"), reader.Bool("attention"), reader.Bool("expiring"));
        var sort = reader.Enum<GuaranteeSort>("sort") ?? GuaranteeSort.Newest;
        return reader.Problem is { } problem ? problem : (filter, sort);
    }

    public static Result<SettlementFilter> ParseSettlements(IQueryCollection q, DateOnly today)
    {
        var reader = new Reader(q);
        var filter = new SettlementFilter(reader.Date("from") ?? new DateOnly(today.Year, today.Month, 1), reader.Date("to") ?? today, SettlementGrouping.Day,
            reader.Int("store"), reader.Int("terminal"));
        return (reader.Problem ?? SettlementQueries.Check(filter)) is { } problem ? problem : filter;
    }

    public static Result<DifferenceFilter> ParseDifferences(IQueryCollection q)
    {
        var reader = new Reader(q);
        DifferenceState? state = q["state"].ToString() is "all" ? null : reader.Enum<DifferenceState>("state") ?? DifferenceState.Open;
        var filter = new DifferenceFilter(reader.Date("from"), reader.Date("to"), state, reader.Enum<DifferenceKind>("kind"), reader.Enum<DifferenceSource>("source"), reader.Int("store"));
        return reader.Problem is { } problem ? problem : filter;
    }

    /// <summary>A bulk run's holds with how each ended.</summary>
    public static string BulkRun(ExportFormat format, long runId) =>
        Link("bulk-runs/" + runId.ToString(CultureInfo.InvariantCulture), format, []);

    /// <summary>A shift report, for the store and range a page shows (China-time minutes, as the page's fields give them).</summary>
    public static string Handover(ExportFormat format, int storeId, DateTimeOffset from, DateTimeOffset to) => Link("handover", format, new Dictionary<string, string?>
    {
        ["store"] = storeId.ToString(CultureInfo.InvariantCulture),
        ["from"] = Domain.Time.ChinaTime.Minute(from),
        ["to"] = Domain.Time.ChinaTime.Minute(to),
    });

    private static string Link(string what, ExportFormat format, Dictionary<string, string?> values) =>
        QueryHelpers.AddQueryString($"{Prefix}/{what}.{ExportWriter.Extension(format)}", values.Where(v => !string.IsNullOrEmpty(v.Value)));

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Reads parameters, keeping the first one that breaks its rule.</summary>
    private sealed class Reader(IQueryCollection q)
    {
        public Problem? Problem { get; private set; }

        public string? Text(string name) => q[name].ToString() is { Length: > 0 } text ? text : null;

        public int? Int(string name) => Parse(name, new Phrase("Rule.WholeNumber"), t => int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : (int?)null);

        public long? Long(string name) => Parse(name, new Phrase("Rule.WholeFen"), t => long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : (long?)null);

        public DateOnly? Date(string name) => Parse(name, new Phrase("Rule.Date"),
            t => DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var v) ? v : (DateOnly?)null);

        public bool Bool(string name) => Parse(name, new Phrase("Rule.TrueOrFalse"), t => bool.TryParse(t, out var v) ? v : (bool?)null) ?? false;

        public T? Enum<T>(string name) where T : struct, System.Enum =>
            Parse(name, new Phrase("Rule.OneOf", string.Join(", ", System.Enum.GetNames<T>())),
                t => System.Enum.TryParse<T>(t, out var v) && System.Enum.IsDefined(v) && !t.Any(char.IsAsciiDigit) ? v : (T?)null);

        public List<T>? List<T>(string name) where T : struct, System.Enum
        {
            if (Text(name) is not { } text)
            {
                return null;
            }
            var values = new List<T>();
            foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!System.Enum.TryParse<T>(part, out var value) || !System.Enum.IsDefined(value) || part.Any(char.IsAsciiDigit))
                {
                    Refuse(name, part, new Phrase("Rule.OneOf", string.Join(", ", System.Enum.GetNames<T>())));
                    return null;
                }
                values.Add(value);
            }
            return values;
        }

        private TValue? Parse<TValue>(string name, Phrase rule, Func<string, TValue?> parse)
        {
            if (Text(name) is not { } text)
            {
                return default;
            }
            var value = parse(text);
            if (value is null)
            {
                Refuse(name, text, rule);
            }
            return value;
        }

        private void Refuse(string name, string value, Phrase rule)
        {
            var shown = value.Length <= 40 ? value : value[..40] + "…";
            Problem ??= PosLink.Domain.Common.Problem.Invalid(name, "Problem.ParameterRule", name, rule, shown);
        }
    }
}
