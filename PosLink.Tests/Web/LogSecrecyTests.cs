using PosLink.Domain.Gateway;
using PosLink.Tests.Support;

namespace PosLink.Tests.Web;

/// <summary>Runs a whole sandbox session with every log level on, then searches everything logged for secrets.</summary>
public sealed class LogSecrecyTests
{
    private const string PayCode = "134567890123456789";
    private const string DeclinedPayCode = "281234567890120051";

    [Fact]
    public async Task FullSession_LogsNoAppKeyNoAuthorizationAndNoFullPayCode()
    {
        await using var app = new PosLinkAppFactory();
        var address = app.StartOnKestrel();
        var gateway = app.Gateway;
        var terminal = new TestTerminal(terminalCode: "SECRET01");

        await gateway.ActivateTerminalAsync(terminal.Activate()).AssertAnswered("00");
        var hold = terminal.Preauthorize(12345, payCode: PayCode, remark: "房间押金");
        var held = await gateway.PreauthorizeAsync(hold).AssertAnswered("00");
        await gateway.PreauthorizeAsync(terminal.Preauthorize(100, payCode: DeclinedPayCode)).AssertAnswered("51");
        await gateway.QueryBySystemTraceNumAsync(terminal.QueryBySystemTraceNum(hold.SystemTraceNum)).AssertAnswered("00");
        await gateway.QueryAsync(terminal.QueryByOrderId(held.OrderId!)).AssertAnswered("00");
        await gateway.CompleteAsync(terminal.Complete(hold, held, 10000)).AssertAnswered("00");
        var second = terminal.Preauthorize(500, payCode: PayCode);
        var secondHeld = await gateway.PreauthorizeAsync(second).AssertAnswered("00");
        await gateway.VoidAsync(terminal.Void(second, secondHeld, 500)).AssertAnswered("00");
        var third = await gateway.PreauthorizeAsync(terminal.Preauthorize(700, payCode: PayCode)).AssertAnswered("00");
        await gateway.QuickCompleteAsync(terminal.QuickComplete(third.OrderId!, 700)).AssertAnswered("00");
        // A rejected signature and a bad field too: error paths log as well.
        await new SignedPoster(address, app.Time, appKey: "wrong").PostAsync("v1/poslink/transaction/activeterminal", "{}");
        await gateway.PreauthorizeAsync(terminal.Preauthorize(0, payCode: PayCode)).AssertAnswered("9001");
        using (var http = new HttpClient())
        {
            await http.GetStringAsync(address);
        }

        var logs = app.Logs.AllText;
        Assert.NotEmpty(app.Logs.Entries);
        Assert.Contains("errCode 00", logs, StringComparison.Ordinal);
        Assert.Contains(hold.SystemTraceNum, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(SignedPoster.SandboxAppKey, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(OpenBodySigner.Scheme, logs, StringComparison.Ordinal);
        Assert.DoesNotContain("Signature=", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(PayCode, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(DeclinedPayCode, logs, StringComparison.Ordinal);
    }
}
