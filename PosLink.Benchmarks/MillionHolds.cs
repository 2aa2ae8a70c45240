using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PosLink.Domain.Persistence;
using PosLink.Domain.Staff;

namespace PosLink.Benchmarks;

/// <summary>
/// A ledger of 1,000,000 holds over 20 stores and 60 terminals, built once (about a minute) and kept in the
/// temp folder for later runs: the size the holds page must stay fast at.
/// </summary>
public static class MillionHolds
{
    public const int Holds = 1_000_000;
    public const int Stores = 20;
    public static readonly string DatabasePath = Path.Combine(Path.GetTempPath(), "poslink-bench-1m.db");
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static string ConnectionString => $"Data Source={DatabasePath}";

    public static IDbContextFactory<PosLinkDbContext> Contexts { get; } =
        new Factory(new DbContextOptionsBuilder<PosLinkDbContext>().UseSqlite(ConnectionString).AddInterceptors(SqlitePragmaInterceptor.Instance).Options);

    public static Actor Admin { get; } = Actor.For("admin", "管理员", [StaffRole.Admin], []);

    public static Actor ManagerOfStore(int storeId) => Actor.For("manager", "经理", [StaffRole.StoreManager], [storeId]);

    public static void EnsureCreated()
    {
        if (File.Exists(DatabasePath))
        {
            return;
        }
        var watch = Stopwatch.StartNew();
        SqliteConnectionStrings.EnableWriteAheadLog(ConnectionString);
        using (var db = Contexts.CreateDbContext())
        {
            db.Database.Migrate();
        }
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using (var setup = connection.CreateCommand())
        {
            setup.CommandText = "INSERT INTO Merchants (MerchantCode, Name, CreatedAt) VALUES ('898310148160568', 'Bench', 0);";
            setup.ExecuteNonQuery();
            for (var s = 1; s <= Stores; s++)
            {
                setup.CommandText = $"INSERT INTO Stores (MerchantId, Name, CreatedAt) VALUES (1, 'Store {s}', 0);";
                setup.ExecuteNonQuery();
                for (var t = 1; t <= 3; t++)
                {
                    setup.CommandText = $"INSERT INTO Terminals (MerchantId, StoreId, TerminalCode, CreatedAt, IsEnabled, Activation, ActivationFailures, LastSystemTraceNum) VALUES (1, {s}, 'T{s:D3}{t:D4}', 0, 1, 'Active', 0, 0);";
                    setup.ExecuteNonQuery();
                }
            }
        }
        var statuses = new[] { "Held", "Held", "Held", "Completed", "Completed", "Voided", "Declined", "Failed", "Expired", "Authorizing" };
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO Guarantees (TerminalId, StoreId, Status, NeedsAttention, HeldFen, MerchantOrderId, PayCodeMasked, SystemTraceNum, OrderId,
                AuthorizationCode, MerchantDiscountFen, OtherDiscountFen, Imported, CompletedFen, CreatedAt, CreatedByUserId, CreatedByName, UpdatedAt, ExpiresAt,
                CheckAttempts, Version, PayMode)
            VALUES ($terminal, $store, $status, 0, $held, $merchantOrderId, '1345**********6789', $trace, $orderId, $auth, 0, 0, 0, $completed, $created,
                'bench', 'bench', $created, $expires, 0, 0, 'CodeScan')
            """;
        var p = new Dictionary<string, SqliteParameter>();
        foreach (var name in new[] { "terminal", "store", "status", "held", "merchantOrderId", "trace", "orderId", "auth", "completed", "created", "expires" })
        {
            p[name] = insert.Parameters.Add(new SqliteParameter("$" + name, null));
        }
        var random = new Random(20261127);
        for (var i = 1; i <= Holds; i++)
        {
            var store = random.Next(1, Stores + 1);
            var status = statuses[random.Next(statuses.Length)];
            var held = random.Next(100, 1_000_000);
            var created = Start.AddSeconds(i * 30L);
            p["terminal"].Value = (store - 1) * 3 + random.Next(1, 4);
            p["store"].Value = store;
            p["status"].Value = status;
            p["held"].Value = held;
            p["merchantOrderId"].Value = $"PL{i:D10}";
            p["trace"].Value = (i % 999_999 + 1).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
            p["orderId"].Value = $"2026{i:D14}";
            p["auth"].Value = random.Next(1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
            p["completed"].Value = status == "Completed" ? held / 2 : DBNull.Value;
            p["created"].Value = created.UtcTicks;
            p["expires"].Value = created.AddDays(30).UtcTicks;
            insert.ExecuteNonQuery();
        }
        transaction.Commit();
        using (var analyze = connection.CreateCommand())
        {
            analyze.CommandText = "ANALYZE;";
            analyze.ExecuteNonQuery();
        }
        Console.WriteLine($"// seeded {Holds:N0} holds in {watch.Elapsed.TotalSeconds:0.0} s at {DatabasePath}");
    }

    private sealed class Factory(DbContextOptions<PosLinkDbContext> options) : IDbContextFactory<PosLinkDbContext>
    {
        public PosLinkDbContext CreateDbContext() => new(options);
    }
}
