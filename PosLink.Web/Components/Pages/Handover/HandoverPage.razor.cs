using System.Globalization;
using Microsoft.AspNetCore.Components;
using PosLink.Domain.Common;
using PosLink.Domain.Handovers;
using PosLink.Domain.Staff;
using PosLink.Domain.Terminals;
using PosLink.Domain.Time;
using PosLink.Web.Resources;

namespace PosLink.Web.Components.Pages.Handover;

/// <summary>
/// The shift handover (交班): a store's shift report (since the last handover, or a chosen range in China time), handed
/// over to an incoming manager, printed on one A4 page and exported. The address keeps the store and range, so a past
/// handover is a link.
/// </summary>
public sealed partial class HandoverPage
{
    [SupplyParameterFromQuery(Name = "store")] public int? StoreQuery { get; set; }
    [SupplyParameterFromQuery(Name = "from")] public string? FromQuery { get; set; }
    [SupplyParameterFromQuery(Name = "to")] public string? ToQuery { get; set; }

    private Actor? Actor { get; set; }
    private IReadOnlyList<StoreRow> _stores = [];
    private string _storeText = "";
    private string? _fromText;
    private string? _toText;
    private HandoverReport? _report;
    private string? _problem;
    private IReadOnlyList<(string UserId, string Name)> _candidates = [];
    private string? _incoming;
    private bool _busy;
    private string? _done;
    private IReadOnlyList<HandoverRow> _recent = [];

    protected override async Task OnParametersSetAsync()
    {
        Actor = await CurrentActor.RequireAsync();
        _stores = await Terminals.StoresAsync(Actor);
        var store = _stores.FirstOrDefault(s => s.Id == StoreQuery) ?? (_stores.Count > 0 ? _stores[0] : null);
        _storeText = store?.Id.ToString(CultureInfo.InvariantCulture) ?? "";
        (_fromText, _toText) = (FromQuery, ToQuery);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        var actor = Actor!;
        (_report, _problem, _done) = (null, null, null);
        _recent = await Handovers.ListAsync(actor, 20);
        if (!int.TryParse(_storeText, CultureInfo.InvariantCulture, out var storeId))
        {
            _problem = _stores.Count == 0 ? L.NoStoreToReport : null;
            return;
        }
        var (from, fromOk) = Parse(_fromText);
        var (to, toOk) = Parse(_toText);
        if (!fromOk || !toOk)
        {
            _problem = L.ShiftTimeInvalid(fromOk ? _toText ?? "" : _fromText ?? "");
            return;
        }
        var report = await Handovers.ReportAsync(actor, storeId, from, to);
        if (!report.Succeeded)
        {
            _problem = L.Say(report.Problem);
            return;
        }
        _report = report.Value;
        _candidates = await Handovers.IncomingCandidatesAsync(actor, storeId);
    }

    private Task ShowAsync()
    {
        Navigation.NavigateTo(Link(int.TryParse(_storeText, CultureInfo.InvariantCulture, out var id) ? id : null, _fromText, _toText));
        return Task.CompletedTask;
    }

    private async Task SinceLastAsync()
    {
        (_fromText, _toText) = (null, null);
        await ShowAsync();
    }

    private async Task HandOverAsync()
    {
        if (_report is not { } report || string.IsNullOrEmpty(_incoming))
        {
            return;
        }
        _busy = true;
        try
        {
            // The shift as reported: its start, and its end now if none was chosen (the handover is at this moment).
            var result = await Handovers.HandOverAsync(await CurrentActor.RequireAsync(), report.StoreId, report.From, Parse(_toText).At, _incoming);
            if (!result.Succeeded)
            {
                _problem = L.Say(result.Problem);
                return;
            }
            var done = L.HandedOver(L.Person(result.Value.IncomingName), China(result.Value.To));
            await LoadAsync();
            _done = done;
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>A time typed in China time; empty is "not chosen". The flag says whether the text was a time at all.</summary>
    private static (DateTimeOffset? At, bool Ok) Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, true);
        }
        return ChinaTime.TryParseMinute(text, out var at) ? (at, true) : (null, false);
    }

    private static string China(DateTimeOffset at) => ChinaTime.ToChina(at).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private string Link(int? store, string? from, string? to) => Navigation.GetUriWithQueryParameters("/handover", new Dictionary<string, object?>
    {
        ["store"] = store,
        ["from"] = string.IsNullOrWhiteSpace(from) ? null : from,
        ["to"] = string.IsNullOrWhiteSpace(to) ? null : to,
    });

    private string Link(int store, DateTimeOffset from, DateTimeOffset to) => Link(store, ChinaTime.Minute(from), ChinaTime.Minute(to));

    private static string ExportLink(HandoverReport r) => Exports.ExportQuery.Handover(Domain.Exports.ExportFormat.Csv, r.StoreId, r.From, r.To);

    private static string Signed(int n) => n.ToString("+0;-0;0", CultureInfo.InvariantCulture);

    private static string SignedYuan(long fen) => (fen > 0 ? "+" : fen < 0 ? "−" : "") + Money.Yuan(Math.Abs(fen));
}
