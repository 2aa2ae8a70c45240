using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Persistence;
using PosLink.Domain.Staff;
using PosLink.Domain.Terminals;
using PosLink.Tests.Support;
using PosLink.Web.Jobs;

namespace PosLink.Tests.Jobs;

/// <summary>Live mode against a local stand-in for ChinaUMS that answers 96 to the first activation.</summary>
public sealed class LiveActivationTests : IAsyncLifetime
{
    private static readonly Actor Admin = Actor.For("admin", "管理员", [StaffRole.Admin], []);
    private WebApplication _standIn = default!;
    private int _activations;
    private readonly List<string> _authorizations = [];

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _standIn = builder.Build();
        _standIn.MapPost("/v1/poslink/transaction/activeterminal", (HttpRequest request) =>
        {
            lock (_authorizations)
            {
                _authorizations.Add(request.Headers.Authorization.ToString());
            }
            var first = Interlocked.Increment(ref _activations) == 1;
            return Results.Text(JsonSerializer.Serialize(first ? new { errCode = "96", errInfo = "系统异常" } : new { errCode = "00", errInfo = "成功" }), "application/json");
        });
        await _standIn.StartAsync();
    }

    public async Task DisposeAsync() => await _standIn.DisposeAsync();

    [Fact]
    public async Task FirstActivationFails_ALaterSweepActivates()
    {
        await using var app = new PosLinkAppFactory()
            .With("PosLink:Gateway:Mode", "Live")
            .With("PosLink:Gateway:BaseUrl", _standIn.Urls.First())
            .With("PosLink:Gateway:AppId", "10037e6f6a4e6da4016a62a47e51018c")
            .With("PosLink:Gateway:AppKey", "live-key-from-the-environment");
        app.StartOnKestrel();
        var terminals = app.Services.GetRequiredService<TerminalService>();
        var contexts = app.Services.GetRequiredService<IDbContextFactory<PosLinkDbContext>>();
        var merchant = (await terminals.RegisterMerchantAsync(Admin, "898310148160568", "示例")).Unwrap();
        var store = (await terminals.RegisterStoreAsync(Admin, merchant.Id, "静安店")).Unwrap();
        var terminal = (await terminals.RegisterTerminalAsync(Admin, store.Id, "JA000001")).Unwrap();

        async Task<Terminal> LoadAsync()
        {
            await using var db = await contexts.CreateDbContextAsync();
            return await db.Terminals.AsNoTracking().SingleAsync(t => t.Id == terminal.Id);
        }

        // The job queued at registration tries once and fails with 96; the reason is kept.
        await Eventually.TrueAsync(async () => (await LoadAsync()).ActivationFailures == 1, "the queued activation");
        var failed = await LoadAsync();
        Assert.Equal((ActivationState.Failed, "96"), (failed.Activation, failed.LastActivationErrCode));

        // The sweep waits out the backoff (1 minute after one failure), then activates.
        var sweep = app.Services.GetRequiredService<TerminalActivationJob>();
        await sweep.SweepAsync(CancellationToken.None);
        Assert.Equal(1, Volatile.Read(ref _activations));
        app.Time.Advance(TimeSpan.FromMinutes(1));
        await sweep.SweepAsync(CancellationToken.None);

        var active = await LoadAsync();
        Assert.Equal((ActivationState.Active, "00", 0), (active.Activation, active.LastActivationErrCode, active.ActivationFailures));
        Assert.Equal(2, Volatile.Read(ref _activations));
        Assert.All(_authorizations, header => Assert.StartsWith("OPEN-BODY-SIG AppId=\"10037e6f6a4e6da4016a62a47e51018c\"", header, StringComparison.Ordinal));
        await using var db = await contexts.CreateDbContextAsync();
        Assert.Equal([OperationOutcome.Unknown, OperationOutcome.Approved],
            await db.GatewayOperations.Where(o => o.TerminalId == terminal.Id).OrderBy(o => o.Id).Select(o => o.Outcome).ToListAsync());
    }
}
