using Microsoft.AspNetCore.Components;
using MudBlazor;
using PosLink.Domain.Finance;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Staff;
using PosLink.Domain.Time;
using PosLink.Web.Components.Shared;
using PosLink.Web.Resources;

namespace PosLink.Web.Components.Pages.Finance;

/// <summary>
/// The differences between our ledger, the gateway and the statements: check a date now, see where each date stands
/// (a clean one says when it was checked), and resolve each difference (re-sync from the gateway, or accept with a note).
/// </summary>
public sealed partial class Reconciliation : LivePage
{
    [Inject]
    private ReconciliationQueries Queries { get; set; } = default!;

    [Inject]
    private ReconciliationService Service { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    private readonly Busy _running = new();
    private readonly Busy<long> _busy = new();
    private IReadOnlyList<DifferenceRow>? _differences;
    private IReadOnlyList<RunRow> _runs = [];
    private DayStatus? _day;
    private DifferenceFilter? _applied;
    private string? _runProblem;

    private DateOnly? _date;
    private DateOnly? _from;
    private DateOnly? _to;
    private string _state = nameof(DifferenceState.Open);
    private string _kind = "";
    private string _source = "";

    protected override async Task OnInitializedAsync()
    {
        _date = ChinaTime.TradeDate(Clock.GetUtcNow()).AddDays(-1);
        await base.OnInitializedAsync();
    }

    protected override bool Shows(GuaranteeChanged change, Actor actor) => change.Status is GuaranteeStatus.Completed or GuaranteeStatus.Voided or GuaranteeStatus.Held;

    protected override async Task LoadAsync(Actor actor)
    {
        _applied = new DifferenceFilter(_from, _to,
            _state == "all" ? null : Enum.TryParse<DifferenceState>(_state, out var state) && Enum.IsDefined(state) ? state : DifferenceState.Open,
            Enum.TryParse<DifferenceKind>(_kind, out var kind) && Enum.IsDefined(kind) ? kind : null,
            Enum.TryParse<DifferenceSource>(_source, out var source) && Enum.IsDefined(source) ? source : null);
        _differences = await Queries.DifferencesAsync(actor, _applied);
        _runs = await Queries.RunsAsync(actor, 10);
        _day = _date is { } date ? await Queries.DayAsync(actor, date) : null;
    }

    private async Task LoadDayAsync()
    {
        _runProblem = null;
        _day = _date is { } date ? await Queries.DayAsync(await CurrentActor.RequireAsync(), date) : null;
    }

    private async Task RunAsync()
    {
        if (_date is not { } date)
        {
            return;
        }
        await _running.RunAsync(async () =>
        {
            _runProblem = null;
            var result = await Service.RunAsync(await CurrentActor.RequireAsync(), date);
            if (!result.Succeeded)
            {
                _runProblem = L.Say(result.Problem);
            }
        });
        await ReloadAsync();
    }

    private async Task DayChosenAsync(DateOnly? day)
    {
        _date = day;
        await LoadDayAsync();
    }

    /// <summary>Re-sync rewrites a hold's state and money from the gateway's word: asked once more, naming what changes, before it runs.</summary>
    private async Task ResyncAsync(DifferenceRow difference)
    {
        var hold = difference.MerchantOrderId ?? difference.OrderId ?? difference.RetrievalRefNum ?? "";
        var question = L.ResyncConfirm(hold, StatusWord(difference.OurStatus), StatusWord(difference.TheirStatus));
        if (await Dialogs.ShowMessageBoxAsync(L.Resync, question, yesText: L.Resync, cancelText: L.Cancel) != true)
        {
            return;
        }
        if (await _busy.RunAsync(difference.Id, async () =>
            {
                var result = await Service.ResyncAsync(await CurrentActor.RequireAsync(), difference.Id);
                Tell(result, L.ResyncedDone);
            }))
        {
            await ReloadAsync();
        }
    }

    private async Task AcceptAsync(DifferenceRow difference)
    {
        var dialog = await Dialogs.ShowAsync<AcceptDifferenceDialog>(L.Accept);
        if (await dialog.Result is not { Canceled: false, Data: string note })
        {
            return;
        }
        if (await _busy.RunAsync(difference.Id, async () => Tell(await Service.AcceptAsync(await CurrentActor.RequireAsync(), difference.Id, note), L.AcceptedDone)))
        {
            await ReloadAsync();
        }
    }

    private static string StatusWord(GuaranteeStatus? status) => status is { } known ? L.Name(known) : L.None;

    private void Tell(PosLink.Domain.Common.Result<DifferenceRow> result, string done)
    {
        if (result.Succeeded)
        {
            Snackbar.Add(done, Severity.Success);
        }
        else
        {
            Snackbar.Add(L.Say(result.Problem), Severity.Error);
        }
    }
}
