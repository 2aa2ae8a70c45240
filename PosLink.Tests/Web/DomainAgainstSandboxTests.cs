using Microsoft.Extensions.DependencyInjection;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Staff;
using PosLink.Domain.Terminals;
using PosLink.Tests.Support;

namespace PosLink.Tests.Web;

/// <summary>The domain services as the app composes them, over the real client and the built-in sandbox.</summary>
public sealed class DomainAgainstSandboxTests : IAsyncLifetime
{
    private readonly PosLinkAppFactory _app = new();
    private static readonly Actor Admin = Actor.For("admin", "管理员", [StaffRole.Admin], []);

    private T Get<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    public Task InitializeAsync()
    {
        _app.StartOnKestrel();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<Terminal> ActiveTerminalAsync()
    {
        var terminals = Get<TerminalService>();
        var merchant = (await terminals.RegisterMerchantAsync(Admin, "898310148160568", "上海示例酒店")).Unwrap();
        var store = (await terminals.RegisterStoreAsync(Admin, merchant.Id, "静安店")).Unwrap();
        var terminal = (await terminals.RegisterTerminalAsync(Admin, store.Id, "JA000001")).Unwrap();
        var active = (await terminals.ActivateAsync(Admin, terminal.Id)).Unwrap();
        Assert.Equal(ActivationState.Active, active.Activation);
        return active;
    }

    [Fact]
    public async Task TakeThenCompletePart_AgainstTheSandbox()
    {
        var terminal = await ActiveTerminalAsync();
        var guarantees = Get<GuaranteeService>();

        var held = (await guarantees.TakeAsync(Admin, new TakeHold(terminal.Id, 12_345, PayMode.CodeScan, "134567890123456789", MerchantRemark: "房间押金"))).Unwrap();
        Assert.Equal(GuaranteeStatus.Held, held.Status);
        var completed = (await guarantees.CompleteAsync(Admin, held.GuaranteeId, 10_000)).Unwrap();
        Assert.Equal(GuaranteeStatus.Completed, completed.Status);

        var detail = (await Get<GuaranteeQueries>().DetailAsync(Admin, held.GuaranteeId))!;
        Assert.Equal((10_000L, new DateOnly(2026, 11, 27)), (detail.Hold.Figures.CompletedFen, detail.Hold.SettlementDate));
        Assert.Equal("微信支付", detail.Hold.ThirdPartyName);
        Assert.All(detail.Operations, o => Assert.Equal(OperationOutcome.Approved, o.Outcome));
    }

    [Fact]
    public async Task DeclinedAndWaitingForTheBuyer_AgainstTheSandbox()
    {
        var terminal = await ActiveTerminalAsync();
        var guarantees = Get<GuaranteeService>();

        var declined = (await guarantees.TakeAsync(Admin, new TakeHold(terminal.Id, 500, PayMode.CodeScan, "134567890123450051"))).Unwrap();
        Assert.Equal((GuaranteeStatus.Declined, OutcomeKind.Declined), (declined.Status, declined.Kind));
        Assert.Contains("资金不足", declined.Reason!.Chinese, StringComparison.Ordinal);

        var waiting = (await guarantees.TakeAsync(Admin, new TakeHold(terminal.Id, 800, PayMode.CodeScan, "134567890123450077"))).Unwrap();
        Assert.Equal((GuaranteeStatus.Authorizing, OutcomeKind.Pending), (waiting.Status, waiting.Kind));

        _app.Time.Advance(TimeSpan.FromSeconds(5));
        await Get<GuaranteeSweeps>().SettleDueAsync();
        Assert.Equal(GuaranteeStatus.Authorizing, (await Get<GuaranteeQueries>().DetailAsync(Admin, waiting.GuaranteeId))!.Hold.Status);

        _app.Time.Advance(TimeSpan.FromSeconds(30));
        await Get<GuaranteeSweeps>().SettleDueAsync();
        Assert.Equal(GuaranteeStatus.Held, (await Get<GuaranteeQueries>().DetailAsync(Admin, waiting.GuaranteeId))!.Hold.Status);
    }
}
