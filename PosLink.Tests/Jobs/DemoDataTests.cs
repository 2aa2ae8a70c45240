using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PosLink.Domain.Finance;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Persistence;
using PosLink.Domain.Staff;
using PosLink.Domain.Terminals;
using PosLink.Domain.Time;
using PosLink.Tests.Support;
using PosLink.Web.Data;

namespace PosLink.Tests.Jobs;

public sealed class DemoDataTests
{
    [Fact]
    public async Task Seed_CreatesTheDemoThroughTheServices_OncePerDatabase()
    {
        var path = Path.Combine(Path.GetTempPath(), $"poslink-demo-{Guid.NewGuid():N}.db");
        try
        {
            await using (var app = new PosLinkAppFactory(path).With("PosLink:Demo:Seed", "true"))
            {
                app.StartOnKestrel();
                await app.Services.GetRequiredService<DemoData>().Completion.WaitAsync(TimeSpan.FromSeconds(60));
                var contexts = app.Services.GetRequiredService<IDbContextFactory<PosLinkDbContext>>();
                await using var db = await contexts.CreateDbContextAsync();

                Assert.Equal(["浦东店", "静安店"], (await db.Stores.Select(s => s.Name).ToListAsync()).Order());
                Assert.Equal(4, await db.Terminals.CountAsync(t => t.Activation == ActivationState.Active));
                var staff = app.Services.GetRequiredService<StaffService>();
                var users = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.Email!, u => u.Id);
                Assert.Equal(["admin@poslink.demo", "finance@poslink.demo", "manager.jingan@poslink.demo", "manager.pudong@poslink.demo"], users.Keys.Order());
                Assert.True((await staff.ActorForAsync(users["admin@poslink.demo"]))!.IsAdmin);
                Assert.True((await staff.ActorForAsync(users["finance@poslink.demo"]))!.IsFinance);
                Assert.Single((await staff.ActorForAsync(users["manager.jingan@poslink.demo"]))!.StoreIds);

                var statuses = await db.Guarantees.Select(g => g.Status).Distinct().ToListAsync();
                foreach (var status in new[] { GuaranteeStatus.Held, GuaranteeStatus.Completed, GuaranteeStatus.Voided, GuaranteeStatus.Declined, GuaranteeStatus.Expired, GuaranteeStatus.Authorizing })
                {
                    Assert.Contains(status, statuses);
                }
                var holds = await db.Guarantees.AsNoTracking().ToListAsync();
                Assert.InRange(holds.Count, 26, 32);
                var now = app.Time.GetUtcNow();
                Assert.Contains(holds, g => g.CreatedAt < now.AddDays(-34));
                Assert.All(holds, g => Assert.True(g.CreatedAt >= now.AddDays(-40)));
                Assert.Contains(holds, g => g.ExpiringSoon);
                Assert.Contains(holds, g => g.MerchantDiscountFen > 0);
                // Every hold exists at the gateway: each has the gateway's order id, or was refused by it.
                Assert.All(holds.Where(g => g.Status != GuaranteeStatus.Declined), g => Assert.NotNull(g.OrderId));
            }

            await using var again = new PosLinkAppFactory(path).With("PosLink:Demo:Seed", "true");
            again.StartOnKestrel();
            await again.Services.GetRequiredService<DemoData>().Completion.WaitAsync(TimeSpan.FromSeconds(60));
            await using var second = await again.Services.GetRequiredService<IDbContextFactory<PosLinkDbContext>>().CreateDbContextAsync();
            Assert.Equal(1, await second.Merchants.CountAsync());
            Assert.Equal(4, await second.Users.CountAsync());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in (string[])["", "-wal", "-shm"])
            {
                File.Delete(path + suffix);
            }
        }
    }

    [Fact]
    public async Task TheDemo_TellsFinanceOneStory_AndItsStatementImportsWithOneMismatch()
    {
        await using var app = new PosLinkAppFactory().With("PosLink:Demo:Seed", "true");
        app.StartOnKestrel();
        await app.Services.GetRequiredService<DemoData>().Completion.WaitAsync(TimeSpan.FromSeconds(60));
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PosLinkDbContext>>().CreateDbContextAsync();
        var financeId = await db.Users.Where(u => u.Email == "finance@poslink.demo").Select(u => u.Id).SingleAsync();
        var finance = (await app.Services.GetRequiredService<StaffService>().ActorForAsync(financeId))!;
        var today = ChinaTime.TradeDate(app.Time.GetUtcNow());
        var yesterday = today.AddDays(-1);

        // The nightly check of yesterday found the one hold the sandbox completed elsewhere.
        var open = await app.Services.GetRequiredService<ReconciliationQueries>().DifferencesAsync(finance, new DifferenceFilter());
        var found = Assert.Single(open);
        Assert.Equal(("DEMO-STMT-V", DifferenceKind.StatusMismatch, GuaranteeStatus.Voided, GuaranteeStatus.Completed, yesterday),
            (found.MerchantOrderId, found.Kind, found.OurStatus, found.TheirStatus, found.SettlementDate));

        // The dashboard and the settlements report agree, and completions carry the demo's partial and discounted ones.
        var dashboard = await app.Services.GetRequiredService<DashboardQueries>().FinanceAsync(finance);
        var settlements = app.Services.GetRequiredService<SettlementQueries>();
        var month = (await settlements.ReportAsync(finance, new SettlementFilter(new DateOnly(today.Year, today.Month, 1), today))).Unwrap().Totals;
        var day = (await settlements.ReportAsync(finance, new SettlementFilter(today, today))).Unwrap().Totals;
        Assert.Equal(month, dashboard.SettledThisMonth);
        Assert.Equal(day, dashboard.SettledToday);
        Assert.Equal(1, dashboard.OpenDifferences);
        var statementDay = (await settlements.ReportAsync(finance, new SettlementFilter(yesterday, yesterday))).Unwrap().Totals;
        Assert.True(statementDay.ReleasedFen > 0 && statementDay.DiscountFen > 0, $"{statementDay}");

        // docs/demo/statement.csv, with the columns PosLink suggests and yesterday's date: three matched, one amount apart.
        var importer = app.Services.GetRequiredService<StatementImporter>();
        var content = await File.ReadAllBytesAsync(Path.Combine(Repository.Root, "docs", "demo", "statement.csv"));
        var merchantId = await db.Merchants.Select(m => m.Id).SingleAsync();
        var preview = (await importer.PreviewAsync(finance, merchantId, "statement.csv", content)).Unwrap();
        var result = (await importer.ImportAsync(finance, new StatementUpload(merchantId, "statement.csv", content, preview.Suggested, yesterday))).Unwrap();
        Assert.Equal((3, 3, 1), (result.Rows, result.Matched, result.Differences));
        var mismatch = Assert.Single(await app.Services.GetRequiredService<ReconciliationQueries>().DifferencesAsync(finance, new DifferenceFilter(Source: DifferenceSource.Statement)));
        Assert.Equal(("DEMO-STMT-C", DifferenceKind.AmountMismatch, 80_000L, 79_000L), (mismatch.MerchantOrderId, mismatch.Kind, mismatch.OurFen, mismatch.TheirFen));
    }
}
