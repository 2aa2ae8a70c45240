using PosLink.Domain.Gateway.Messages;
using PosLink.Tests.Support;

namespace PosLink.Tests.Sandbox;

public sealed class SandboxPersistenceTests
{
    [Fact]
    public async Task State_SurvivesARestartOnTheSameDatabase()
    {
        var terminal = new TestTerminal(terminalCode: "PERSIST1");
        var databasePath = Path.Combine(Path.GetTempPath(), $"poslink-restart-{Guid.NewGuid():N}.db");
        PreauthorizeRequest hold;
        PreauthorizeResponse held;
        await using (var first = new PosLinkAppFactory(databasePath))
        {
            first.StartOnKestrel();
            await first.Gateway.ActivateTerminalAsync(terminal.Activate()).AssertAnswered("00");
            hold = terminal.Preauthorize(4200);
            held = await first.Gateway.PreauthorizeAsync(hold).AssertAnswered("00");
        }

        await using var second = new PosLinkAppFactory(databasePath);
        second.StartOnKestrel();
        try
        {
            // Still activated, the hold still there, and its trace number still used today.
            var query = await second.Gateway.QueryAsync(terminal.QueryByTrace(hold.SystemTraceNum)).AssertAnswered("00");
            Assert.Equal((held.OrderId, SecureStatus.Held), (query.OrderId, query.Guarantee));
            await second.Gateway.PreauthorizeAsync(terminal.Preauthorize(100) with { SystemTraceNum = hold.SystemTraceNum }).AssertAnswered("94");
            await second.Gateway.CompleteAsync(terminal.Complete(hold, held, 4200)).AssertAnswered("00");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
        await second.DisposeAsync();
        foreach (var suffix in (string[])["", "-wal", "-shm"])
        {
            File.Delete(databasePath + suffix);
        }
    }

    [Fact]
    public async Task LiveMode_HasNoSandbox()
    {
        await using var app = new PosLinkAppFactory()
            .With("PosLink:Gateway:Mode", "Live")
            .With("PosLink:Gateway:BaseUrl", "https://test-api-open.chinaums.com")
            .With("PosLink:Gateway:AppId", "10037e6f6a4e6da4016a62a47e51018c")
            .With("PosLink:Gateway:AppKey", "live-key-from-the-environment");
        var address = app.StartOnKestrel();
        using var http = new HttpClient();
        using var response = await http.PostAsync(new Uri(address, "sandbox/v1/poslink/transaction/activeterminal"), new StringContent("{}"));
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.NotFound, await response.Content.ReadAsStringAsync());
        Assert.Equal(new Uri("https://test-api-open.chinaums.com/"), app.Services.GetService(typeof(PosLink.Domain.Gateway.IGatewayAddress)) is PosLink.Domain.Gateway.IGatewayAddress a ? a.BaseAddress : null);
    }
}
