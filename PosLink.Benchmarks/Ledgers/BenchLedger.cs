using System.Globalization;
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

/// <summary>Which holds the ledger's templates are: a chain's mix, or only held holds (for sweeps to turn in flight).</summary>
public enum HoldMix { Chain, HeldOnly }

/// <summary>
/// A ledger of a given number of holds over 20 stores and 100 terminals, on SQLite or PostgreSQL. Built through the
/// app's own services (1,000 real holds: taken, and for a chain's mix some completed or voided), then copied in
/// SQL over exactly the columns the EF model maps (<see cref="LedgerCopy"/>), so its rows always have the current
/// schema's shape. Kept per schema (the last migration's id), size and mix: in the temp folder on SQLite, as a
/// database of its own on the benchmark run's PostgreSQL server.
/// </summary>
public sealed class BenchLedger
{
    public const int Stores = 20;
    public const int TerminalsPerStore = 5;
    public const int Templates = Stores * TerminalsPerStore * 10;
    public static readonly DateTimeOffset Start = new(2026, 6, 1, 1, 0, 0, TimeSpan.Zero);

    /// <summary>Seconds between two template holds; a copy is the templates moved by their whole span.</summary>
    public const int TemplateSeconds = 7;

    private BenchLedger(PosLinkConnection connection, IServiceProvider services, FakeTimeProvider clock, BenchGateway gateway, int holds)
    {
        Connection = connection;
        Services = services;
        Clock = clock;
        Gateway = gateway;
        Holds = holds;
    }

    public PosLinkConnection Connection { get; }
    public IServiceProvider Services { get; }
    public FakeTimeProvider Clock { get; }
    public BenchGateway Gateway { get; }
    public int Holds { get; }
    public IDbContextFactory<PosLinkDbContext> Contexts => Services.GetRequiredService<IDbContextFactory<PosLinkDbContext>>();
    public static Actor Admin { get; } = Actor.For("admin", "管理员", [StaffRole.Admin], []);

    public static Actor ManagerOf(int storeId) => Actor.For("manager", "经理", [StaffRole.StoreManager], [storeId]);

    /// <summary>After the copies: the clock stands a day after the newest hold.</summary>
    public DateTimeOffset Now => Start.AddSeconds((long)TemplateSeconds * Holds).AddDays(1);

    public static async Task<BenchLedger> OpenAsync(DatabaseProvider provider, int holds, HoldMix mix)
    {
        if (holds % Templates != 0)
        {
            throw new ArgumentException($"A ledger holds a multiple of {Templates} holds; {holds} is not.", nameof(holds));
        }
        var schema = new PosLinkDbContext(new DbContextOptionsBuilder<PosLinkDbContext>().UseSqlite("Data Source=:memory:").Options).Database.GetMigrations().Last();
        var name = $"poslink_bench_{mix.ToString().ToLowerInvariant()}_{holds}_{schema}".ToLowerInvariant();
        var ready = provider == DatabaseProvider.Postgres
            ? await BenchPostgres.DatabaseAsync(name)
            : $"Data Source={Path.Combine(Path.GetTempPath(), name + ".db")}";
        if (!await ExistsAsync(provider, ready))
        {
            var building = provider == DatabaseProvider.Postgres
                ? await BenchPostgres.FreshDatabaseAsync(name + "_building")
                : $"Data Source={Path.Combine(Path.GetTempPath(), name + ".building.db")}";
            var (built, _, _) = Compose(new PosLinkConnection(building, provider), Start);
            await BuildAsync(built, holds, mix);
            await PublishAsync(provider, building, ready, name);
        }
        var (services, clock, gateway) = Compose(new PosLinkConnection(ready, provider), Start);
        var ledger = new BenchLedger(new PosLinkConnection(ready, provider), services, clock, gateway, holds);
        clock.SetUtcNow(ledger.Now);
        return ledger;
    }

    /// <summary>A throwaway copy of the ledger, for benchmarks that change it; <see cref="DeleteCopy"/> removes it (on PostgreSQL the run's server goes with it anyway).</summary>
    public async Task<BenchLedger> CopyAsync()
    {
        var name = "poslink_bench_copy_" + Guid.NewGuid().ToString("N");
        string copy;
        if (Connection.Provider == DatabaseProvider.Postgres)
        {
            copy = await BenchPostgres.CopyDatabaseAsync(new Npgsql.NpgsqlConnectionStringBuilder(Connection.ConnectionString).Database!, name);
        }
        else
        {
            var path = Path.Combine(Path.GetTempPath(), name + ".db");
            await using (var source = new SqliteConnection(Connection.ConnectionString))
            {
                await source.OpenAsync();
                await using var vacuum = source.CreateCommand();
                vacuum.CommandText = "VACUUM INTO @path";
                vacuum.Parameters.AddWithValue("@path", path);
                await vacuum.ExecuteNonQueryAsync();
            }
            SqliteConnectionStrings.EnableWriteAheadLog($"Data Source={path}");
            copy = $"Data Source={path}";
        }
        var (services, clock, gateway) = Compose(new PosLinkConnection(copy, Connection.Provider), Now);
        return new BenchLedger(new PosLinkConnection(copy, Connection.Provider), services, clock, gateway, Holds);
    }

    /// <summary>Removes a copy made by <see cref="CopyAsync"/> on SQLite, whose files would otherwise stay in the temp folder run after run.</summary>
    public void DeleteCopy()
    {
        if (Connection.Provider != DatabaseProvider.Sqlite)
        {
            return;
        }
        var path = new SqliteConnectionStringBuilder(Connection.ConnectionString).DataSource;
        if (!Path.GetFileName(path).StartsWith("poslink_bench_copy_", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("Only a copy of a ledger is deleted.");
        }
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }

    private static (IServiceProvider Services, FakeTimeProvider Clock, BenchGateway Gateway) Compose(PosLinkConnection connection, DateTimeOffset start)
    {
        var clock = new FakeTimeProvider(start);
        var gateway = new BenchGateway(clock);
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(clock)
            .AddSingleton(connection)
            .AddPosLinkDomain(new ConfigurationBuilder().Build())
            .AddSingleton<IPosLinkGateway>(gateway)
            .BuildServiceProvider();
        return (services, clock, gateway);
    }

    private static async Task BuildAsync(IServiceProvider services, int holds, HoldMix mix)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var connection = services.GetRequiredService<PosLinkConnection>();
        var contexts = services.GetRequiredService<IDbContextFactory<PosLinkDbContext>>();
        var clock = (FakeTimeProvider)services.GetRequiredService<TimeProvider>();
        await LedgerMigration.MigrateAsync(connection, contexts);
        var terminals = services.GetRequiredService<TerminalService>();
        var merchant = (await terminals.RegisterMerchantAsync(Admin, "898310148160568", "基准酒店集团")).Unwrap();
        var tills = new List<Terminal>();
        for (var s = 1; s <= Stores; s++)
        {
            var store = (await terminals.RegisterStoreAsync(Admin, merchant.Id, $"门店{s:D2}")).Unwrap();
            for (var t = 1; t <= TerminalsPerStore; t++)
            {
                var terminal = (await terminals.RegisterTerminalAsync(Admin, store.Id, $"T{s:D3}{t:D4}")).Unwrap();
                tills.Add((await terminals.ActivateAsync(Admin, terminal.Id)).Unwrap());
            }
        }
        var guarantees = services.GetRequiredService<GuaranteeService>();
        for (var i = 0; i < Templates; i++)
        {
            var held = 100 + (i * 7_919L % 1_000_000);
            var hold = (await guarantees.TakeAsync(Admin, new TakeHold(tills[i % tills.Count].Id, held, PayMode.CodeScan, "134567890123456789"))).Unwrap();
            if (mix == HoldMix.Chain && i % 10 is 3 or 4 or 5)
            {
                (await guarantees.CompleteAsync(Admin, hold.GuaranteeId, i % 2 == 0 ? held : held / 2)).Unwrap();
            }
            else if (mix == HoldMix.Chain && i % 10 is 6 or 7)
            {
                (await guarantees.VoidAsync(Admin, hold.GuaranteeId)).Unwrap();
            }
            clock.Advance(TimeSpan.FromSeconds(TemplateSeconds));
        }
        await LedgerCopy.CopyGuaranteesAsync(contexts, holds / Templates - 1, TimeSpan.FromSeconds((long)TemplateSeconds * Templates));
        Console.WriteLine($"// built a {mix} ledger of {holds:N0} holds on {connection.Provider} in {watch.Elapsed.TotalSeconds:0} s");
    }

    private static async Task<bool> ExistsAsync(DatabaseProvider provider, string connectionString)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            return File.Exists(new SqliteConnectionStringBuilder(connectionString).DataSource);
        }
        return await BenchPostgres.ExistsAsync(connectionString);
    }

    /// <summary>A ledger is published whole or not at all: half a ledger must not be mistaken for one by the next run.</summary>
    private static async Task PublishAsync(DatabaseProvider provider, string building, string ready, string name)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            SqliteConnection.ClearAllPools();
            File.Move(new SqliteConnectionStringBuilder(building).DataSource, new SqliteConnectionStringBuilder(ready).DataSource, overwrite: true);
            foreach (var side in (string[])["-wal", "-shm"])
            {
                File.Delete(new SqliteConnectionStringBuilder(building).DataSource + side);
            }
            return;
        }
        await BenchPostgres.RenameAsync(name + "_building", name);
    }

    /// <summary>What a query answers about a held hold, from its own row: the answer that settles an in-flight hold as held.</summary>
    public static QueryResponse HeldAnswer(Guarantee g) => new()
    {
        ErrCode = "00",
        ErrInfo = "成功",
        QueryResCode = "0",
        SecureStatus = (int)SecureStatus.Held,
        Status = "TRADE_SUCCESS",
        OrderId = g.OrderId,
        OriginalAmount = g.HeldFen,
        Amount = g.HeldFen,
        DealSystemTraceNum = g.SystemTraceNum,
        DealDate = g.TradeDate?.ToString("MMdd", CultureInfo.InvariantCulture),
        DealTime = "100000",
        DealType = "PREAUTH",
        AuthorizationCode = g.AuthorizationCode,
    };
}
