using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using PosLink.Domain.Finance;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Staff;
using PosLink.Domain.Terminals;
using PosLink.Domain.Time;
using PosLink.Web.Components.Shared;
using PosLink.Web.Resources;

namespace PosLink.Web.Components.Pages.Finance;

/// <summary>What was settled: a date range grouped by day, store or terminal, with a chart of each day's completed money and a drill-down per group.</summary>
public sealed partial class Settlements : LivePage
{
    [Inject]
    private SettlementQueries Queries { get; set; } = default!;

    [Inject]
    private TerminalQueries Terminals { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    private IReadOnlyList<StoreRow> _stores = [];
    private SettlementReport? _report;
    private IReadOnlyList<SettlementHoldRow>? _holds;
    private SettlementGroupKey? _selected;
    private string _selectedLabel = "";
    private string? _problem;
    private List<ChartSeries<long>> _series = [];
    private string[] _labels = [];

    private DateOnly? _from;
    private DateOnly? _to;
    private SettlementGrouping _group = SettlementGrouping.Day;
    private string _store = "";

    private string GroupHeader => _report?.Filter.GroupBy switch
    {
        SettlementGrouping.Store => L.Store,
        SettlementGrouping.Terminal => L.Terminal,
        _ => L.SettlementDate,
    };

    protected override async Task OnInitializedAsync()
    {
        var today = ChinaTime.TradeDate(Clock.GetUtcNow());
        (_from, _to) = (new DateOnly(today.Year, today.Month, 1), today);
        await base.OnInitializedAsync();
    }

    // A completion settled, or re-synced, changes the figures.
    protected override bool Shows(GuaranteeChanged change, Actor actor) => change.Status is GuaranteeStatus.Completed or GuaranteeStatus.Voided or GuaranteeStatus.Held;

    protected override async Task LoadAsync(Actor actor)
    {
        _stores = await Terminals.StoresAsync(actor);
        var today = ChinaTime.TradeDate(Clock.GetUtcNow());
        var filter = new SettlementFilter(_from ?? today, _to ?? today, Enum.IsDefined(_group) ? _group : SettlementGrouping.Day,
            int.TryParse(_store, NumberStyles.None, CultureInfo.InvariantCulture, out var store) && _stores.Any(s => s.Id == store) ? store : null);
        var report = await Queries.ReportAsync(actor, filter);
        if (!report.Succeeded)
        {
            _problem = L.Say(report.Problem);
            return;
        }
        (_problem, _report) = (null, report.Value);
        _labels = _report.Daily.Select(d => d.Day.ToString("MM-dd", CultureInfo.InvariantCulture)).ToArray();
        // Bars in whole yuan (rounded, integer arithmetic on fen); the exact amounts are the table's.
        _series = [new ChartSeries<long> { Name = L.CompletedAmount, Data = new ChartData<long>(_report.Daily.Select(d => (d.CompletedFen + 50) / 100).ToList()) }];
        if (_selected is not null)
        {
            await LoadHoldsAsync(actor);
        }
    }

    private async Task ApplyAsync()
    {
        (_selected, _holds) = (null, null);
        await ReloadAsync();
    }

    private async Task DrillAsync(SettlementGroupKey key)
    {
        _selected = key;
        _selectedLabel = _report?.Groups.FirstOrDefault(g => g.Key == key)?.Label ?? "";
        await LoadHoldsAsync(await CurrentActor.RequireAsync());
    }

    private async Task LoadHoldsAsync(Actor actor)
    {
        if (_report is null)
        {
            return;
        }
        var holds = await Queries.HoldsAsync(actor, _report.Filter, _selected);
        _holds = holds.Succeeded ? holds.Value : [];
    }
}
