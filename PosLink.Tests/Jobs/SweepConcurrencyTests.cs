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

namespace PosLink.Tests.Jobs;

/// <summary>Sweeps never overlap themselves, never have more gateway calls in flight than configured, and the tick reaches every node.</summary>
public sealed class SweepConcurrencyTests : IAsyncLifetime
{
    private static readonly Actor Admin = Actor.For("admin", "管理员", [StaffRole.Admin], []);
    private static readonly DateTimeOffset Now = PosLinkAppFactory.Start;
    private readonly CountingGateway _gateway = new();
    private PosLinkAppFactory _app = default!;

    public async Task InitializeAsync()
    {
        _app = new PosLinkAppFactory()
            .With("PosLink:Jobs:MaxConcurrentGatewayCalls", "3")
            .With("PosLink:Jobs:StatusSweepBatchSize", "100")
            .WithServices(services => services.AddSingleton<IPosLinkGateway>(_gateway));
        _app.StartOnKestrel();
        var terminals = _app.Services.GetRequiredService<TerminalService>();
        var merchant = (await terminals.RegisterMerchantAsync(Admin, "898310148160568", "示例")).Unwrap();
        var store = (await terminals.RegisterStoreAsync(Admin, merchant.Id, "静安店")).Unwrap();
        var terminal = (await terminals.RegisterTerminalAsync(Admin, store.Id, "JA000001")).Unwrap();
        await SeedDueHoldsAsync(terminal, store.Id, 500);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>Holds whose answer never came, all due for a status query now.</summary>
    private async Task SeedDueHoldsAsync(Terminal terminal, int storeId, int count)
    {
        var now = _app.Time.GetUtcNow();
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<PosLinkDbContext>>().CreateDbContextAsync();
        var seed = Actor.For("seed", "seed", [StaffRole.StoreManager], [storeId]);
        var sent = now.AddMinutes(-10);
        for (var i = 1; i <= count; i++)
        {
            var g = Guarantee.Take(terminal, new TakeHold(terminal.Id, 1_000 + i, PayMode.CodeScan, "134567890123456789"), $"DUE-{i}", seed, sent, 30);
            var request = new GatewayOperation
            {
                Endpoint = GatewayEndpoint.Preauthorize,
                TerminalId = terminal.Id,
                TradeDate = new DateOnly(2026, 11, 27),
                SystemTraceNum = (900_000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Guarantee = g,
                AmountFen = g.HeldFen,
                ActorUserId = seed.UserId,
                ActorName = seed.Name,
                CreatedAt = sent,
            };
            // Its answer was lost, and the process that sent it stopped.
            request.Abandoned();
            g.Cites(request);
            g.CheckAt(now, now);
            db.Guarantees.Add(g);
            db.GatewayOperations.Add(request);
        }
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task FiveHundredDueHolds_NeverMoreGatewayCallsInFlightThanConfigured()
    {
        await _app.Services.GetRequiredService<StatusSweepJob>().RunAsync(CancellationToken.None);

        Assert.Equal(500, _gateway.Calls);
        Assert.InRange(_gateway.MaxInFlight, 2, 3);
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<PosLinkDbContext>>().CreateDbContextAsync();
        Assert.Equal(500, await db.Guarantees.CountAsync(g => g.Status == GuaranteeStatus.Held));
        Assert.Contains("Job status-sweep: checked 500 holds, settled 500", _app.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASecondSweep_WhileTheFirstIsRunning_DoesNothing()
    {
        _gateway.Hold();
        var job = _app.Services.GetRequiredService<StatusSweepJob>();
        var first = Task.Run(() => job.RunAsync(CancellationToken.None));
        await Eventually.TrueAsync(() => Task.FromResult(_gateway.InFlight == 3), "the first sweep holding its three gateway calls");

        var callsBefore = _gateway.Calls;
        await _app.Services.GetRequiredService<StatusSweepJob>().RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(callsBefore, _gateway.Calls);
        Assert.False(first.IsCompleted);
        Assert.Contains("Job status-sweep: skipped, the previous run is still in flight", _app.Logs.AllText, StringComparison.Ordinal);

        _gateway.Release();
        await first.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(500, _gateway.Calls);
    }

    [Fact]
    public async Task TheTick_HandsTheSweepToEachLiveNodesOwnQueue_WhereItRuns()
    {
        var node = _app.Services.GetRequiredService<JobNode>();
        var monitoring = _app.Services.GetRequiredService<Hangfire.JobStorage>().GetMonitoringApi();
        await Eventually.TrueAsync(() => Task.FromResult(monitoring.Servers().Any(s => s.Queues.Contains(node.Queue))), "this node's Hangfire server announcing its own queue");

        _app.Services.GetRequiredService<StatusSweepJob>().Tick();

        await Eventually.TrueAsync(() => Task.FromResult(_app.Logs.AllText.Contains("Job status-sweep: checked 500 holds, settled 500", StringComparison.Ordinal)),
            "the sweep the tick queued for this node");
        Assert.Equal(500, _gateway.Calls);
    }

    /// <summary>Answers every query "held" after a short real pause, counting how many calls overlap.</summary>
    private sealed class CountingGateway : IPosLinkGateway
    {
        private int _inFlight;
        private int _max;
        private int _calls;
        private TaskCompletionSource _gate = CompletedGate();

        public int InFlight => Volatile.Read(ref _inFlight);
        public int MaxInFlight => Volatile.Read(ref _max);
        public int Calls => Volatile.Read(ref _calls);

        public void Hold() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _gate.TrySetResult();

        private static TaskCompletionSource CompletedGate()
        {
            var done = new TaskCompletionSource();
            done.SetResult();
            return done;
        }

        public async Task<GatewayResult<QueryResponse>> QueryAsync(QueryRequest request, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _calls);
            var now = Interlocked.Increment(ref _inFlight);
            int seen;
            while ((seen = Volatile.Read(ref _max)) < now && Interlocked.CompareExchange(ref _max, now, seen) != seen)
            {
            }
            try
            {
                await _gate.Task;
                // A real pause, so that calls overlap if the sweep lets them.
                await Task.Delay(2, CancellationToken.None);
                var response = new QueryResponse
                {
                    ErrCode = "00",
                    ErrInfo = "成功",
                    QueryResCode = "0",
                    SecureStatus = 0,
                    OrderId = "O" + request.OriginalSystemTraceNum,
                    // The seed's amounts follow its trace numbers (1,000 + i fen for 900000 + i): the answer proves it is the hold.
                    OriginalAmount = int.Parse(request.OriginalSystemTraceNum!, System.Globalization.CultureInfo.InvariantCulture) - 899_000,
                    DealSystemTraceNum = request.OriginalSystemTraceNum,
                    DealDate = "1127",
                    AuthorizationCode = "123456",
                };
                // Sent on the app's (fake) day: the answer's MMdd dates are read against it.
                var exchange = new GatewayExchange(GatewayEndpoint.Query, request.SystemTraceNum, "{}", "{}", 200, Now, TimeSpan.Zero);
                return new Answered<QueryResponse>(response, ResponseCategory.Approved, exchange);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }

        public Task<GatewayResult<ActivateTerminalResponse>> ActivateTerminalAsync(ActivateTerminalRequest request, CancellationToken cancellationToken = default) =>
            Task.FromResult<GatewayResult<ActivateTerminalResponse>>(new Answered<ActivateTerminalResponse>(new ActivateTerminalResponse { ErrCode = "00" }, ResponseCategory.Approved,
                new GatewayExchange(GatewayEndpoint.ActivateTerminal, request.SystemTraceNum, "{}", "{}", 200, DateTimeOffset.UnixEpoch, TimeSpan.Zero)));

        public Task<GatewayResult<PreauthorizeResponse>> PreauthorizeAsync(PreauthorizeRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<GatewayResult<CompleteAuthorizationResponse>> CompleteAsync(CompleteAuthorizationRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<GatewayResult<VoidAuthorizationResponse>> VoidAsync(VoidAuthorizationRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<GatewayResult<QuickCompleteAuthorizationResponse>> QuickCompleteAsync(QuickCompleteAuthorizationRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<GatewayResult<QuickVoidAuthorizationResponse>> QuickVoidAsync(QuickVoidAuthorizationRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<GatewayResult<QueryBySystemTraceNumResponse>> QueryBySystemTraceNumAsync(QueryBySystemTraceNumRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
