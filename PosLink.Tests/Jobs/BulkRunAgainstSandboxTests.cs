using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Guarantees.Bulk;
using PosLink.Domain.Persistence;
using PosLink.Domain.Staff;
using PosLink.Domain.Terminals;
using PosLink.Tests.Support;
using PosLink.Web.Jobs;

namespace PosLink.Tests.Jobs;

/// <summary>A bulk run as the app runs it: a Hangfire job in the web host, against the built-in sandbox over HTTP.</summary>
public sealed class BulkRunAgainstSandboxTests : IAsyncLifetime
{
    private const int MaxInFlight = 3;
    private const string Completions = nameof(PosLink.Domain.Gateway.IPosLinkGateway.CompleteAsync);
    private static readonly Actor Admin = Actor.For("admin", "管理员", [StaffRole.Admin], []);
    private readonly InFlightGateway.Counter _gateway = new();
    private readonly PosLinkAppFactory _app;

    public BulkRunAgainstSandboxTests()
    {
        _app = new PosLinkAppFactory()
            .With("PosLink:Guarantees:BulkMaxInFlight", MaxInFlight.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithServices(services => InFlightGateway.Register(services, _gateway));
    }

    private T Get<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    public Task InitializeAsync()
    {
        _app.StartOnKestrel();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AHundredSelectedHolds_CompleteWithAHundredRequests_NeverMoreThanTheBoundInFlight_AndARerunSendsNothing()
    {
        var terminals = Get<TerminalService>();
        var merchant = (await terminals.RegisterMerchantAsync(Admin, "898310148160568", "示例酒店")).Unwrap();
        var store = (await terminals.RegisterStoreAsync(Admin, merchant.Id, "静安店")).Unwrap();
        var terminal = (await terminals.RegisterTerminalAsync(Admin, store.Id, "JA000001")).Unwrap();
        await Eventually.TrueAsync(async () => await ActivationAsync(terminal.Id) == ActivationState.Active, "the terminal's activation");
        var staff = Get<StaffService>();
        var manager = (await staff.ActorForAsync((await staff.CreateAsync(Admin, new StaffDraft("jingan@poslink.test", "静安经理", StaffRole.StoreManager, [store.Id]), "a long test passphrase")).Unwrap().Id))!;
        var holds = new List<long>();
        for (var i = 0; i < 100; i++)
        {
            // Pay codes ending 5000–5099: none of the sandbox's scripted endings, so each is simply held.
            var taken = (await Get<GuaranteeService>().TakeAsync(manager, new TakeHold(terminal.Id, 1_000 + i, PayMode.CodeScan, $"13456789012345{5000 + i}"))).Unwrap();
            Assert.Equal(GuaranteeStatus.Held, taken.Status);
            holds.Add(taken.GuaranteeId);
        }
        var before = _gateway.Calls(Completions);

        var run = (await Get<BulkService>().StartAsync(manager, BulkKind.Complete, holds, null)).Unwrap().RunId!.Value;
        await Eventually.TrueAsync(async () => (await Get<BulkQueries>().RunAsync(manager, run))!.FinishedAt is not null, "the bulk job's end");

        Assert.Equal(100, _gateway.Calls(Completions) - before);
        Assert.InRange(_gateway.Peak, 1, MaxInFlight);
        var view = (await Get<BulkQueries>().RunAsync(manager, run))!;
        Assert.Equal(100, view.Count(BulkItemState.Done));
        Assert.All(view.Items, i => Assert.Equal(GuaranteeStatus.Completed, i.HoldStatus));
        Assert.Equal(holds.Sum(h => 1_000L + holds.IndexOf(h)), view.DoneFen);

        // The job again (a retry, a second node), and the resume sweep an hour on: nothing more is sent.
        await Get<BulkRunner>().RunAsync(run);
        _app.Time.Advance(TimeSpan.FromHours(1));
        await Get<BulkRunJob>().ResumeAsync(CancellationToken.None);
        Assert.Equal(100, _gateway.Calls(Completions) - before);
    }

    private async Task<ActivationState> ActivationAsync(int terminalId)
    {
        await using var db = await Get<IDbContextFactory<PosLinkDbContext>>().CreateDbContextAsync();
        return (await db.Terminals.AsNoTracking().SingleAsync(t => t.Id == terminalId)).Activation;
    }
}
