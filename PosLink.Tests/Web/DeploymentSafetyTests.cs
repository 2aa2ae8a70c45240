using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PosLink.Domain.Staff;
using PosLink.Tests.Support;

namespace PosLink.Tests.Web;

/// <summary>Settings that would be harmless on a laptop and dangerous in front of a chain's staff are refused at start.</summary>
public sealed class DeploymentSafetyTests
{
    private static PosLinkAppFactory Live(PosLinkAppFactory app) => app
        .With("PosLink:Gateway:Mode", "Live")
        .With("PosLink:Gateway:BaseUrl", "https://api-mop.chinaums.com")
        .With("PosLink:Gateway:AppId", "10037e6f6a4e6da4016a62a47e51018c")
        .With("PosLink:Gateway:AppKey", "live-key-from-the-environment")
        .With("PosLink:Jobs:Recurring", "false");

    [Fact]
    public async Task ProductionWithSandbox_WithoutTheOptIn_RefusesToStart_NamingBothKeys()
    {
        await using var app = new PosLinkAppFactory().InEnvironment("Production");
        var failure = Assert.ThrowsAny<OptionsValidationException>(() => app.StartOnKestrel());
        Assert.Contains("PosLink:Gateway:Mode", failure.Message, StringComparison.Ordinal);
        Assert.Contains("PosLink:Sandbox:AllowInProduction", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProductionWithSandbox_WithTheOptIn_Starts()
    {
        await using var app = new PosLinkAppFactory().InEnvironment("Production").With("PosLink:Sandbox:AllowInProduction", "true");
        var address = app.StartOnKestrel();
        using var http = new HttpClient();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync(new Uri(address, "account/login"))).StatusCode);
    }

    [Fact]
    public async Task Live_WithDemoSeeding_RefusesToStart_NamingTheKey()
    {
        await using var app = Live(new PosLinkAppFactory()).With("PosLink:Demo:Seed", "true").With("PosLink:Demo:Password", "the published demo passphrase");
        var failure = Assert.ThrowsAny<OptionsValidationException>(() => app.StartOnKestrel());
        Assert.Contains("PosLink:Demo:Seed", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DemoSeeding_ItselfRefusesALiveGateway_WhateverItIsTold()
    {
        await using var app = new PosLinkAppFactory();
        app.StartOnKestrel();
        var seeding = ActivatorUtilities.CreateInstance<PosLink.Web.Data.DemoData>(app.Services,
            Options.Create(new PosLink.Web.Data.DemoOptions { Seed = true, Password = "the published demo passphrase" }),
            Options.Create(new PosLink.Domain.Gateway.GatewayOptions { Mode = PosLink.Domain.Gateway.GatewayMode.Live }));

        await seeding.StartAsync(CancellationToken.None);
        await seeding.Completion.WaitAsync(TimeSpan.FromSeconds(60));

        var staff = await app.Services.GetRequiredService<StaffService>().ListAsync(Actor.System);
        Assert.DoesNotContain(staff, s => s.Email.EndsWith("@poslink.demo", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Live_WithAPlainHttpGateway_RefusesToStart()
    {
        await using var app = Live(new PosLinkAppFactory()).With("PosLink:Gateway:BaseUrl", "http://api-mop.chinaums.com");
        var failure = Assert.ThrowsAny<OptionsValidationException>(() => app.StartOnKestrel());
        Assert.Contains("PosLink:Gateway:BaseUrl must be https://", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Live_WithADemoAccountEnabled_RefusesToStart_NamingItAndTheWayOut()
    {
        var database = Path.Combine(Path.GetTempPath(), $"poslink-demo-live-{Guid.NewGuid():N}.db");
        try
        {
            await using (var sandbox = new PosLinkAppFactory(database))
            {
                sandbox.StartOnKestrel();
                var staff = sandbox.Services.GetRequiredService<StaffService>();
                (await staff.CreateAsync(Actor.System, new StaffDraft("finance@poslink.demo", "财务", StaffRole.Finance, []), "a long demo passphrase")).Unwrap();
                (await staff.CreateAsync(Actor.System, new StaffDraft("real.finance@example.com", "财务", StaffRole.Finance, []), "a long real passphrase")).Unwrap();
            }

            await using (var live = Live(new PosLinkAppFactory(database)))
            {
                var failure = Assert.ThrowsAny<InvalidOperationException>(() => live.StartOnKestrel());
                Assert.Contains("finance@poslink.demo", failure.Message, StringComparison.Ordinal);
                Assert.DoesNotContain("real.finance@example.com", failure.Message, StringComparison.Ordinal);
                Assert.Contains("PosLink:Demo:DisableAccounts=true", failure.Message, StringComparison.Ordinal);
            }

            // The way out it names: disable them at start, and Live runs.
            await using (var live = Live(new PosLinkAppFactory(database)).With("PosLink:Demo:DisableAccounts", "true"))
            {
                live.StartOnKestrel();
                var rows = await live.Services.GetRequiredService<StaffService>().ListAsync(Actor.System);
                Assert.True(rows.Single(r => r.Email == "finance@poslink.demo").IsDisabled);
                Assert.False(rows.Single(r => r.Email == "real.finance@example.com").IsDisabled);
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in (string[])["", "-wal", "-shm"])
            {
                File.Delete(database + suffix);
            }
        }
    }
}
