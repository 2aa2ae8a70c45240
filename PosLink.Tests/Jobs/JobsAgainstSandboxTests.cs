using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Persistence;
using PosLink.Domain.Staff;
using PosLink.Domain.Terminals;
using PosLink.Tests.Support;
using PosLink.Web.Jobs;
using PosLink.Web.Sandbox;

namespace PosLink.Tests.Jobs;

/// <summary>The jobs as Hangfire runs them, in the web host, against the built-in sandbox over HTTP.</summary>
public sealed class JobsAgainstSandboxTests : IAsyncLifetime
{
    private static readonly Actor Admin = Actor.For("admin", "管理员", [StaffRole.Admin], []);
    private readonly PosLinkAppFactory _app = new PosLinkAppFactory().With("PosLink:Gateway:TimeoutSeconds", "5");
    private Store _store = default!;

    private T Get<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    public async Task InitializeAsync()
    {
        _app.StartOnKestrel();
        var terminals = Get<TerminalService>();
        var merchant = (await terminals.RegisterMerchantAsync(Admin, "898310148160568", "示例酒店")).Unwrap();
        _store = (await terminals.RegisterStoreAsync(Admin, merchant.Id, "静安店")).Unwrap();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<List<GatewayOperation>> OperationsAsync(Func<GatewayOperation, bool>? where = null)
    {
        await using var db = await Get<IDbContextFactory<PosLinkDbContext>>().CreateDbContextAsync();
        var all = await db.GatewayOperations.AsNoTracking().OrderBy(o => o.Id).ToListAsync();
        return where is null ? all : all.Where(where).ToList();
    }

    private async Task<Terminal> LoadTerminalAsync(int id)
    {
        await using var db = await Get<IDbContextFactory<PosLinkDbContext>>().CreateDbContextAsync();
        return await db.Terminals.AsNoTracking().SingleAsync(t => t.Id == id);
    }

    private async Task<Terminal> ActiveTerminalAsync(string code = "JA000001")
    {
        var terminal = (await Get<TerminalService>().RegisterTerminalAsync(Admin, _store.Id, code)).Unwrap();
        // The activation queued at registration runs on a Hangfire worker. On a busy machine that attempt can fail
        // (the sandbox not yet warm); the activation sweep is its retry, and with recurring jobs off it runs only when
        // the fake clock has passed the backoff, as it would on a live node.
        await Eventually.TrueAsync(async () => (await LoadTerminalAsync(terminal.Id)).LastActivationAttemptAt is not null, "the first activation attempt");
        for (var retry = 0; retry < 3 && (await LoadTerminalAsync(terminal.Id)).Activation != ActivationState.Active; retry++)
        {
            _app.Time.Advance(TimeSpan.FromHours(1));
            await Get<TerminalActivationJob>().SweepAsync(CancellationToken.None);
        }
        return await LoadTerminalAsync(terminal.Id);
    }

    private Task<GuaranteeStatus> StatusAsync(long id) =>
        Get<GuaranteeQueries>().DetailAsync(Admin, id).ContinueWith(t => t.Result!.Hold.Status, TaskScheduler.Default);

    private Task RunStatusSweepAsync() => Get<StatusSweepJob>().RunAsync(CancellationToken.None);

    [Fact]
    public async Task ANewTerminal_BecomesActive_WithNobodyTouchingIt()
    {
        var terminal = await ActiveTerminalAsync();
        Assert.Equal(ActivationState.Active, terminal.Activation);
        Assert.NotNull(terminal.ActivatedAt);
        // Usually one attempt; a busy machine may need the sweep's retry. Either way only the system acted.
        var activations = await OperationsAsync(o => o.TerminalId == terminal.Id);
        Assert.All(activations, a => Assert.Equal((GatewayEndpoint.ActivateTerminal, "系统"), (a.Endpoint, a.ActorName)));
        Assert.Equal(OperationOutcome.Approved, activations[^1].Outcome);
    }

    [Fact]
    public async Task SlowAnswer0098_TimesOut_ThenTheSweepFindsItHeld()
    {
        var terminal = await ActiveTerminalAsync();
        var take = Get<GuaranteeService>().TakeAsync(Admin, new TakeHold(terminal.Id, 12_000, PayMode.CodeScan, "134567890123450098"));

        // The sandbox has recorded the hold and sits on its answer; the client's 5 s (fake) pass first.
        await Eventually.TrueAsync(async () =>
        {
            await using var sandbox = await Get<IDbContextFactory<SandboxDbContext>>().CreateDbContextAsync();
            return await sandbox.Holds.AnyAsync();
        });
        _app.Time.Advance(TimeSpan.FromSeconds(5));
        var outcome = (await take.WaitAsync(TimeSpan.FromSeconds(10))).Unwrap();
        Assert.Equal((GuaranteeStatus.Authorizing, OutcomeKind.Pending), (outcome.Status, outcome.Kind));

        _app.Time.Advance(TimeSpan.FromSeconds(5));
        await RunStatusSweepAsync();

        Assert.Equal(GuaranteeStatus.Held, await StatusAsync(outcome.GuaranteeId));
        var operations = await OperationsAsync(o => o.GuaranteeId == outcome.GuaranteeId);
        Assert.Equal([GatewayEndpoint.Preauthorize, GatewayEndpoint.Query], operations.Select(o => o.Endpoint));
        Assert.Equal((UnansweredReason.Timeout, OperationOutcome.Settled), (operations[0].UnansweredReason, operations[0].Outcome));
    }

    [Theory]
    [InlineData("134567890123450077", GuaranteeStatus.Held)]
    [InlineData("134567890123450078", GuaranteeStatus.Failed)]
    public async Task WaitingForTheBuyer_EndsAsThePlatformDecides(string payCode, GuaranteeStatus expected)
    {
        var terminal = await ActiveTerminalAsync();
        var outcome = (await Get<GuaranteeService>().TakeAsync(Admin, new TakeHold(terminal.Id, 9_000, PayMode.CodeScan, payCode))).Unwrap();
        Assert.Equal(GuaranteeStatus.Authorizing, outcome.Status);

        // First sweep after 5 s: the buyer has not paid (Y / WAIT_BUYER_PAY); the second, after the 20 s wait, settles it.
        _app.Time.Advance(TimeSpan.FromSeconds(5));
        await RunStatusSweepAsync();
        Assert.Equal(GuaranteeStatus.Authorizing, await StatusAsync(outcome.GuaranteeId));
        _app.Time.Advance(TimeSpan.FromSeconds(30));
        await RunStatusSweepAsync();

        Assert.Equal(expected, await StatusAsync(outcome.GuaranteeId));
        Assert.Equal([GatewayEndpoint.Preauthorize, GatewayEndpoint.Query, GatewayEndpoint.Query],
            (await OperationsAsync(o => o.GuaranteeId == outcome.GuaranteeId)).Select(o => o.Endpoint));
    }

    [Fact]
    public async Task Completion0093_EndsCompleted_AndTheNightlySyncLeavesItSo()
    {
        var terminal = await ActiveTerminalAsync();
        var service = Get<GuaranteeService>();
        var held = (await service.TakeAsync(Admin, new TakeHold(terminal.Id, 20_000, PayMode.CodeScan, "134567890123450093"))).Unwrap();
        Assert.Equal(GuaranteeStatus.Completed, (await service.CompleteAsync(Admin, held.GuaranteeId, 15_000)).Unwrap().Status);

        _app.Time.Advance(TimeSpan.FromHours(13));
        await Get<OpenHoldsSyncJob>().RunAsync(CancellationToken.None);
        await RunStatusSweepAsync();

        Assert.Equal(GuaranteeStatus.Completed, await StatusAsync(held.GuaranteeId));
        Assert.Equal([GatewayEndpoint.Preauthorize, GatewayEndpoint.CompleteAuthorization],
            (await OperationsAsync(o => o.GuaranteeId == held.GuaranteeId)).Select(o => o.Endpoint));
    }

    [Fact]
    public async Task NightlySync_CatchesAVoidMadeElsewhere_AndExpiryWarningsFlagOldHolds()
    {
        var terminal = await ActiveTerminalAsync();
        var service = Get<GuaranteeService>();
        var voidedElsewhere = (await service.TakeAsync(Admin, new TakeHold(terminal.Id, 3_000, PayMode.CodeScan, "134567890123456781"))).Unwrap();
        var stillHeld = (await service.TakeAsync(Admin, new TakeHold(terminal.Id, 4_000, PayMode.CodeScan, "134567890123456782"))).Unwrap();
        var orderId = (await Get<GuaranteeQueries>().DetailAsync(Admin, voidedElsewhere.GuaranteeId))!.Hold.OrderId!;
        // A POS device sharing the terminal code voids the first hold through the platform, by orderId (only the
        // hold's own terminal may: another one is refused with 58).
        var other = new TestTerminal("898310148160568", "POS00001");
        await _app.Gateway.ActivateTerminalAsync(other.Activate()).AssertAnswered("00");
        await _app.Gateway.QuickVoidAsync(other.QuickVoid(orderId, 3_000)).AssertAnswered("58");
        var elsewhere = new TestTerminal("898310148160568", terminal.TerminalCode, lastTrace: 500_000);
        await _app.Gateway.QuickVoidAsync(elsewhere.QuickVoid(orderId, 3_000)).AssertAnswered("00");

        _app.Time.Advance(TimeSpan.FromDays(27) + TimeSpan.FromHours(13));
        await Get<OpenHoldsSyncJob>().RunAsync(CancellationToken.None);
        await Get<ExpiryWarningsJob>().RunAsync(CancellationToken.None);

        Assert.Equal(GuaranteeStatus.Voided, await StatusAsync(voidedElsewhere.GuaranteeId));
        var detail = (await Get<GuaranteeQueries>().DetailAsync(Admin, stillHeld.GuaranteeId))!;
        Assert.Equal((GuaranteeStatus.Held, true), (detail.Hold.Status, detail.Hold.ExpiringSoon));
    }
}
