using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PosLink.Domain;
using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Persistence;
using PosLink.Domain.Staff;
using PosLink.Domain.Terminals;

namespace PosLink.Benchmarks.Ledgers;

/// <summary>
/// A chain's ten busy days: 100,000 completions (10,000 a settlement date) over 2 stores, some partial, some
/// discounted. Built through the app's own services (a few hundred real holds), then copied in SQL over the columns
/// the EF model maps (<see cref="LedgerCopy"/>), so the data always has the current schema's shape; kept in the temp
/// folder per schema (the last migration's id) for later runs.
/// </summary>
public sealed class FinanceLedger
{
    public const int Days = 10;
    public const int PerDay = 10_000;
    private const int TemplatesPerDay = 20;
    public static readonly DateOnly FirstDay = new(2026, 11, 1);

    private FinanceLedger(string path, IServiceProvider services, int perDay)
    {
        DatabasePath = path;
        Services = services;
        CompletionsPerDay = perDay;
    }

    public string DatabasePath { get; }
    public int CompletionsPerDay { get; }
    public int Completions => CompletionsPerDay * Days;
    public IServiceProvider Services { get; }
    public IDbContextFactory<PosLinkDbContext> Contexts => Services.GetRequiredService<IDbContextFactory<PosLinkDbContext>>();
    public static Actor Finance { get; } = Actor.For("finance", "财务", [StaffRole.Finance], []);
    public static DateOnly LastDay => FirstDay.AddDays(Days - 1);

    /// <summary>The ledger with <see cref="PerDay"/> completions a day (a smoke run: a tenth).</summary>
    public static async Task<FinanceLedger> OpenAsync()
    {
        var perDay = Smoke.Enabled ? PerDay / 10 : PerDay;
        var schema = new PosLinkDbContext(new DbContextOptionsBuilder<PosLinkDbContext>().UseSqlite("Data Source=:memory:").Options).Database.GetMigrations().Last();
        var path = Path.Combine(Path.GetTempPath(), $"poslink-bench-finance-{schema}-{perDay}.db");
        var clock = new FakeTimeProvider(new DateTimeOffset(FirstDay.ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero));
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(clock)
            .AddSingleton(new PosLinkConnection($"Data Source={path}"))
            .AddPosLinkDomain(new ConfigurationBuilder().Build())
            .AddSingleton<IPosLinkGateway>(new BenchGateway(clock))
            .BuildServiceProvider();
        var ledger = new FinanceLedger(path, services, perDay);
        if (!File.Exists(path))
        {
            try
            {
                await ledger.BuildAsync(clock, perDay);
            }
            catch
            {
                // Half a ledger must not be mistaken for a ledger by the next run.
                SqliteConnection.ClearAllPools();
                File.Delete(path);
                throw;
            }
        }
        // The morning after the last day: every statement and report is of the past.
        clock.SetUtcNow(new DateTimeOffset(LastDay.AddDays(1).ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero));
        return ledger;
    }

    /// <summary>The statement of <paramref name="day"/> as the portal exports it: every completion, with one row in a hundred a fen apart.</summary>
    public async Task<byte[]> StatementAsync(DateOnly day)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        var rows = await db.Guarantees.AsNoTracking().Where(g => g.SettlementDate == day && g.Status == GuaranteeStatus.Completed)
            .OrderBy(g => g.Id).Select(g => new { g.OrderId, g.CompletedFen }).ToListAsync();
        var csv = new StringBuilder("银商订单号,交易金额(元),清算日期,手续费(元)\r\n");
        for (var i = 0; i < rows.Count; i++)
        {
            var fen = rows[i].CompletedFen!.Value + (i % 100 == 0 ? 1 : 0);
            csv.Append(CultureInfo.InvariantCulture, $"{rows[i].OrderId},{fen / 100}.{fen % 100:D2},{day:yyyyMMdd},{fen * 38 / 10_000 / 100.0:0.00}\r\n");
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    private async Task BuildAsync(FakeTimeProvider clock, int perDay)
    {
        SqliteConnectionStrings.EnableWriteAheadLog($"Data Source={DatabasePath}");
        await using (var db = await Contexts.CreateDbContextAsync())
        {
            await db.Database.MigrateAsync();
        }
        var admin = Actor.For("admin", "管理员", [StaffRole.Admin], []);
        var terminals = Services.GetRequiredService<TerminalService>();
        var merchant = (await terminals.RegisterMerchantAsync(admin, "898310148160568", "基准酒店集团")).Unwrap();
        var tills = new List<Terminal>();
        foreach (var name in (string[])["静安店", "浦东店"])
        {
            var store = (await terminals.RegisterStoreAsync(admin, merchant.Id, name)).Unwrap();
            var terminal = (await terminals.RegisterTerminalAsync(admin, store.Id, $"T{store.Id:D7}")).Unwrap();
            tills.Add((await terminals.ActivateAsync(admin, terminal.Id)).Unwrap());
        }

        // Real holds through the services: each day's templates, taken and completed at 10:00 China time.
        var guarantees = Services.GetRequiredService<GuaranteeService>();
        for (var day = 0; day < Days; day++)
        {
            clock.SetUtcNow(new DateTimeOffset(FirstDay.AddDays(day).ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero));
            for (var i = 0; i < TemplatesPerDay; i++)
            {
                var held = 10_000 + i * 1_250L;
                var hold = (await guarantees.TakeAsync(admin, new TakeHold(tills[i % 2].Id, held, PayMode.CodeScan, "134567890123456789"))).Unwrap();
                (await guarantees.CompleteAsync(admin, hold.GuaranteeId, i % 4 == 0 ? held - 1_000 : held)).Unwrap();
                clock.Advance(TimeSpan.FromSeconds(7));
            }
        }
        await LedgerCopy.CopyGuaranteesAsync(Contexts, perDay / TemplatesPerDay - 1, TimeSpan.Zero);
    }
}
