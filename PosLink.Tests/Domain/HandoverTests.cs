using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PosLink.Domain.Audit;
using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Handovers;
using PosLink.Domain.Staff;
using PosLink.Domain.Time;
using PosLink.Tests.Support;

namespace PosLink.Tests.Domain;

/// <summary>
/// A night shift (22:00–06:00 China time) at the Jing'an store with two managers: takes, partial completions, a void,
/// a declined take and holds left open, each figure worked out by hand below.
/// </summary>
public sealed class HandoverTests : IAsyncLifetime
{
    private LedgerHarness _h = default!;
    private Actor _day = default!;
    private Actor _night = default!;

    // 2026-11-27 in China time; the harness starts at 15:30.
    private static readonly DateTimeOffset ShiftStart = new(2026, 11, 27, 22, 0, 0, ChinaTime.Offset);
    private static readonly DateTimeOffset ShiftEnd = new(2026, 11, 28, 6, 0, 0, ChinaTime.Offset);

    private HandoverService Handovers => _h.Services.GetRequiredService<HandoverService>();

    public async Task InitializeAsync()
    {
        _h = await LedgerHarness.CreateAsync();
        _day = await _h.StaffManagerAsync("day@poslink.test", "白班经理", _h.Jingan.StoreId);
        _night = await _h.StaffManagerAsync("night@poslink.test", "夜班经理", _h.Jingan.StoreId);
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private void At(int day, int hour, int minute = 0) =>
        _h.Time.SetUtcNow(new DateTimeOffset(2026, 11, day, hour, minute, 0, ChinaTime.Offset).ToUniversalTime());

    private int _codes;

    private async Task<long> TakeAsync(Actor actor, long fen) =>
        (await _h.Guarantees.TakeAsync(actor, new TakeHold(_h.Jingan.Id, fen, PayMode.CodeScan, $"1345678901234{++_codes + 20000:D5}"))).Unwrap().GuaranteeId;

    private async Task WorkTheNightAsync()
    {
        var h1 = await TakeAsync(_day, 10_000);          // 15:30, before the shift: still open at its end
        var h2 = await TakeAsync(_day, 20_000);          // 15:30: completed in the shift, by the night manager
        At(27, 22, 30);
        var h3 = await TakeAsync(_night, 30_000);        // voided in the shift
        var h4 = await TakeAsync(_day, 40_000);          // partly completed before midnight
        At(27, 23, 50);
        (await _h.Guarantees.CompleteAsync(_day, h4, 25_000)).Unwrap();
        At(28, 0, 30);                                   // past midnight: the same shift
        (await _h.Guarantees.VoidAsync(_night, h3, "顾客取消")).Unwrap();
        await TakeAsync(_night, 50_000);                 // h5, open at the end
        (await _h.Guarantees.CompleteAsync(_night, h2, 15_000)).Unwrap();
        At(28, 1);
        _h.Gateway.Next(GatewayEndpoint.Preauthorize, new ScriptedGateway.Script(Performs: false, ErrCode: "51"));
        await TakeAsync(_day, 60_000);                   // declined: held nothing, counts nowhere
        At(28, 5);
        await TakeAsync(_day, 70_000);                   // h6, open at the end
        At(28, 7);                                       // after the shift: nothing here counts
        (await _h.Guarantees.CompleteAsync(_day, h1, 10_000)).Unwrap();
    }

    [Fact]
    public async Task ANightShiftAcrossMidnight_AddsUpAsWorkedByHand()
    {
        await WorkTheNightAsync();

        var report = (await Handovers.ReportAsync(_day, _h.Jingan.StoreId, ShiftStart, ShiftEnd)).Unwrap();

        var day = Assert.Single(report.Operators, o => o.UserId == _day.UserId);
        var night = Assert.Single(report.Operators, o => o.UserId == _night.UserId);
        // Day manager: took h4 (¥400) and h6 (¥700); completed ¥250 of h4; still open: h1 (¥100, since 15:30) and h6.
        Assert.Equal((2, 110_000L, 1, 25_000L, 0, 0L, 2, 80_000L), (day.Taken, day.TakenFen, day.Completed, day.CompletedFen, day.Voided, day.VoidedFen, day.Open, day.OpenFen));
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 15, 30, 0, ChinaTime.Offset), day.OldestOpen);
        // Night manager: took h3 (¥300) and h5 (¥500); completed ¥150 of h2; voided h3; still open: h5.
        Assert.Equal((2, 80_000L, 1, 15_000L, 1, 30_000L, 1, 50_000L), (night.Taken, night.TakenFen, night.Completed, night.CompletedFen, night.Voided, night.VoidedFen, night.Open, night.OpenFen));
        var total = report.Total;
        Assert.Equal((4, 190_000L, 2, 40_000L, 1, 30_000L, 3, 130_000L), (total.Taken, total.TakenFen, total.Completed, total.CompletedFen, total.Voided, total.VoidedFen, total.Open, total.OpenFen));
        Assert.Null(report.OpenChange);
    }

    [Fact]
    public async Task AHandover_IsRecordedAndAudited_TheNextShiftStartsThere_AndSaysWhatChangedInOpenHolds()
    {
        await WorkTheNightAsync();
        var handover = (await Handovers.HandOverAsync(_night, _h.Jingan.StoreId, ShiftStart, ShiftEnd, _day.UserId)).Unwrap();
        Assert.Equal((ShiftEnd, "夜班经理", "白班经理", 3, 130_000L), (handover.To, handover.OutgoingName, handover.IncomingName, handover.OpenCount, handover.OpenFen));
        await using (var db = await _h.Contexts.CreateDbContextAsync())
        {
            var audit = await db.AuditEntries.SingleAsync(a => a.Action == AuditActions.Handover);
            Assert.Equal((_night.UserId, handover.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), (audit.ActorUserId, audit.ObjectId));
            Assert.Contains("白班经理", audit.After, StringComparison.Ordinal);
        }

        // The next report starts where the handover ended: h1 completed at 07:00, one more hold taken at 08:00.
        At(28, 8);
        await TakeAsync(_day, 5_000);
        At(28, 9);
        var next = (await Handovers.ReportAsync(_day, _h.Jingan.StoreId)).Unwrap();
        Assert.Equal(ShiftEnd, next.From);
        Assert.Equal((1, 10_000L, 3, 125_000L), (next.Total.Completed, next.Total.CompletedFen, next.Total.Open, next.Total.OpenFen));
        Assert.Equal((0, -5_000L), next.OpenChange);

        // Finance reads every store's handovers; the other store's manager sees none of these.
        Assert.Single(await Handovers.ListAsync(_h.Finance));
        Assert.Empty(await Handovers.ListAsync(_h.PudongManager));
    }

    [Fact]
    public async Task AHandover_IsRefused_ToSelf_ToAnotherStoresManager_OrByFinance_AndForABackwardsShift()
    {
        At(28, 6);
        Assert.Equal(HandoverProblems.IncomingNotAManager, (await Handovers.HandOverAsync(_day, _h.Jingan.StoreId, ShiftStart, null, _day.UserId)).Problem);
        Assert.Equal(GuaranteeProblems.FinanceCannotAct, (await Handovers.HandOverAsync(_h.Finance, _h.Jingan.StoreId, ShiftStart, null, _day.UserId)).Problem);
        Assert.Equal(HandoverProblems.StoreNotFound, (await Handovers.ReportAsync(_h.PudongManager, _h.Jingan.StoreId)).Problem);
        Assert.Equal("Problem.HandoverEmptyShift", (await Handovers.ReportAsync(_day, _h.Jingan.StoreId, ShiftEnd, ShiftStart)).Problem?.Message.Key);
        Assert.Equal("Problem.HandoverShiftTooLong", (await Handovers.ReportAsync(_day, _h.Jingan.StoreId, ShiftStart.AddDays(-40), ShiftEnd)).Problem?.Message.Key);
    }
}
