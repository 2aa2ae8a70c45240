using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PosLink.Domain;
using PosLink.Domain.Finance;
using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Persistence;
using PosLink.Domain.Persistence.Postgres;
using PosLink.Domain.Staff;
using PosLink.Domain.Terminals;

namespace PosLink.Tests.Support;

/// <summary>
/// The domain on real SQLite (a migrated temporary file, so concurrent connections behave as in production),
/// a <see cref="ScriptedGateway"/> and a fake clock. Seeds one merchant with two stores, an active terminal in
/// each, and an actor for each role.
/// </summary>
public sealed class LedgerHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 27, 7, 30, 0, TimeSpan.Zero);

    private readonly string _path;
    private readonly PosLinkConnection _connection;

    public LedgerHarness(DateTimeOffset? start = null, string? databasePath = null) : this(start, databasePath, null)
    {
    }

    private LedgerHarness(DateTimeOffset? start, string? databasePath, string? postgres)
    {
        Time = new FakeTimeProvider(start ?? Start);
        if (postgres is not null)
        {
            _path = "";
            _connection = new PosLinkConnection(postgres, DatabaseProvider.Postgres);
            var options = new DbContextOptionsBuilder<PostgresLedgerContext>().UseNpgsql(postgres).AddInterceptors(Saves).Options;
            Contexts = new Factory(() => new PostgresLedgerContext(options));
        }
        else
        {
            _path = databasePath ?? Path.Combine(Path.GetTempPath(), $"poslink-ledger-{Guid.NewGuid():N}.db");
            _connection = new PosLinkConnection($"Data Source={_path}");
            SqliteConnectionStrings.EnableWriteAheadLog(_connection.ConnectionString);
            var options = new DbContextOptionsBuilder<PosLinkDbContext>().UseSqlite(_connection.ConnectionString).AddInterceptors(SqlitePragmaInterceptor.Instance, SqliteWriters.Instance, Saves).Options;
            Contexts = new Factory(() => new PosLinkDbContext(options));
        }
        Gateway = new ScriptedGateway(Time);
        Options = new GuaranteeOptions();
        GatewayOptions = new GatewayOptions { TimeoutSeconds = 30 };
    }

    public DatabaseProvider Provider => _connection.Provider;

    /// <summary>Makes chosen saves fail as a busy database would (SQLITE_BUSY after the busy timeout).</summary>
    public BusySaves Saves { get; } = new();

    public FakeTimeProvider Time { get; }
    public IDbContextFactory<PosLinkDbContext> Contexts { get; }
    public ScriptedGateway Gateway { get; }
    public GuaranteeOptions Options { get; }
    public GatewayOptions GatewayOptions { get; }
    /// <summary>The SQLite file (empty on PostgreSQL).</summary>
    public string DatabasePath => _path;

    public PosLinkConnection Connection => _connection;

    public Actor Admin { get; } = Actor.For("admin-id", "管理员", [StaffRole.Admin], []);
    public Actor Finance { get; } = Actor.For("finance-id", "财务", [StaffRole.Finance], []);
    public Actor JinganManager { get; private set; } = default!;
    public Actor PudongManager { get; private set; } = default!;
    public Terminal Jingan { get; private set; } = default!;
    public Terminal Pudong { get; private set; } = default!;
    public Terminal JinganInactive { get; private set; } = default!;

    /// <summary>The domain as the app registers it (AddPosLinkDomain), on this database, clock and gateway.</summary>
    public IServiceProvider Services => _services ??= BuildServices();

    private ServiceProvider? _services;

    private ServiceProvider BuildServices()
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build();
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(Time)
            .AddSingleton(_connection)
            .AddPosLinkDomain(configuration);
        services.AddSingleton<IPosLinkGateway>(Gateway);
        return services.BuildServiceProvider();
    }

    public TerminalService Terminals => new(Contexts, Gateway, new NoActivationQueue(), new NoGuaranteeChanges(), Time, NullLogger<TerminalService>.Instance);

    public GuaranteeTiming Timing => new(new StaticOptionsMonitor<GuaranteeOptions>(Options), new StaticOptionsMonitor<GatewayOptions>(GatewayOptions));

    /// <summary>How long a money-moving request may still be answered: the domain's own figure, so tests move with it.</summary>
    public TimeSpan AnswerWindow => Timing.AnswerWindow;

    public GuaranteeReconciler Reconciler => new(Contexts, Gateway, new NoGuaranteeChanges(), Time, Timing, NullLogger<GuaranteeReconciler>.Instance);

    public GuaranteeSweeps Sweeps => new(Contexts, Reconciler, Time, Timing, NullLogger<GuaranteeSweeps>.Instance);

    public GuaranteeService Guarantees => new(Contexts, Gateway, Reconciler, new NoGuaranteeChanges(), Time, Timing, NullLogger<GuaranteeService>.Instance);

    public SettlementQueries Settlements => new(Contexts);

    public ReconciliationQueries Differences => new(Contexts);

    public ReconciliationService Reconciliation => new(Contexts, Gateway, new NoGuaranteeChanges(), Time, NullLogger<ReconciliationService>.Instance);

    public StatementImporter Statements => new(Contexts, Time, NullLogger<StatementImporter>.Instance);

    public static async Task<LedgerHarness> CreateAsync(DateTimeOffset? start = null, DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        var harness = provider == DatabaseProvider.Postgres
            ? new LedgerHarness(start, null, await PostgresServer.CreateDatabaseAsync())
            : new LedgerHarness(start);
        await harness.SeedAsync();
        return harness;
    }

    private async Task SeedAsync()
    {
        await using (var db = await Contexts.CreateDbContextAsync())
        {
            await db.Database.MigrateAsync();
        }
        var terminals = Terminals;
        var merchant = (await terminals.RegisterMerchantAsync(Admin, "898310148160568", "上海示例酒店")).Unwrap();
        var jingan = (await terminals.RegisterStoreAsync(Admin, merchant.Id, "静安店")).Unwrap();
        var pudong = (await terminals.RegisterStoreAsync(Admin, merchant.Id, "浦东店")).Unwrap();
        Jingan = (await terminals.RegisterTerminalAsync(Admin, jingan.Id, "JA000001")).Unwrap();
        Pudong = (await terminals.RegisterTerminalAsync(Admin, pudong.Id, "PD000001")).Unwrap();
        JinganInactive = (await terminals.RegisterTerminalAsync(Admin, jingan.Id, "JA000002")).Unwrap();
        Jingan = (await terminals.ActivateAsync(Admin, Jingan.Id)).Unwrap();
        Pudong = (await terminals.ActivateAsync(Admin, Pudong.Id)).Unwrap();
        JinganManager = Actor.For("jingan-id", "静安经理", [StaffRole.StoreManager], [jingan.Id]);
        PudongManager = Actor.For("pudong-id", "浦东经理", [StaffRole.StoreManager], [pudong.Id]);
        while (Gateway.Requests.TryDequeue(out _))
        {
        }
    }

    /// <summary>
    /// A store manager who is a member of staff (an account with its roles and stores), for what reads its actor
    /// afresh from the ledger: a bulk run, a handover's incoming manager.
    /// </summary>
    public async Task<Actor> StaffManagerAsync(string email, string name, int storeId)
    {
        var staff = Services.GetRequiredService<StaffService>();
        await staff.EnsureRolesAsync();
        var user = (await staff.CreateAsync(Admin, new StaffDraft(email, name, StaffRole.StoreManager, [storeId]), "a long test passphrase")).Unwrap();
        return (await staff.ActorForAsync(user.Id))!;
    }

    /// <summary>Takes an approved hold on the Jingan terminal.</summary>
    public async Task<long> HeldAsync(long amountFen = 20_000, string payCode = "134567890123456789")
    {
        var outcome = (await Guarantees.TakeAsync(JinganManager, new TakeHold(Jingan.Id, amountFen, PayMode.CodeScan, payCode))).Unwrap();
        Assert.Equal(GuaranteeStatus.Held, outcome.Status);
        return outcome.GuaranteeId;
    }

    /// <summary>Takes a hold on <paramref name="terminal"/> whose answer is lost (the platform took it): it stays Authorizing until a query settles it.</summary>
    public async Task<long> UnansweredTakeAsync(Terminal terminal, Actor actor, string payCode)
    {
        Gateway.Next(GatewayEndpoint.Preauthorize, new ScriptedGateway.Script(Performs: true, Unanswered: UnansweredReason.Timeout));
        return (await Guarantees.TakeAsync(actor, new TakeHold(terminal.Id, 20_000, PayMode.CodeScan, payCode))).Unwrap().GuaranteeId;
    }

    /// <summary>Puts operations under <paramref name="numbers"/> of <paramref name="terminal"/> in today's ledger, as a restored older backup leaves the counter behind them.</summary>
    public async Task UseTraceNumbersAsync(Terminal terminal, IEnumerable<int> numbers)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        foreach (var n in numbers)
        {
            var trace = n.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
            var used = new GatewayOperation
            {
                Endpoint = GatewayEndpoint.Query,
                TerminalId = terminal.Id,
                TradeDate = PosLink.Domain.Time.ChinaTime.TradeDate(Time.GetUtcNow()),
                SystemTraceNum = trace,
                ActorUserId = "system",
                ActorName = "系统",
                CreatedAt = Time.GetUtcNow(),
            };
            used.Answered(new GatewayExchange(GatewayEndpoint.Query, trace, "{}", "{}", 200, Time.GetUtcNow(), TimeSpan.Zero), ResponseCategory.Approved, "00", "成功", Time.GetUtcNow());
            db.GatewayOperations.Add(used);
        }
        await db.SaveChangesAsync();
    }

    /// <summary>Takes a hold on the Jingan terminal and completes <paramref name="completeFen"/> of it (all of it when null).</summary>
    public async Task<Guarantee> CompletedAsync(long heldFen, long? completeFen = null)
    {
        var id = await HeldAsync(heldFen);
        (await Guarantees.CompleteAsync(JinganManager, id, completeFen ?? heldFen)).Unwrap();
        return await LoadAsync(id);
    }

    public async Task<Guarantee> LoadAsync(long id)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        return await db.Guarantees.AsNoTracking().SingleAsync(g => g.Id == id);
    }

    public async Task<List<GatewayOperation>> OperationsAsync(long guaranteeId)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        return await db.GatewayOperations.AsNoTracking().Where(o => o.GuaranteeId == guaranteeId).OrderBy(o => o.Id).ToListAsync();
    }

    /// <summary>Runs the reconciler until nothing is due, moving the clock to each next check (bounded).</summary>
    public async Task SettleAsync(int maxPasses = 20)
    {
        for (var pass = 0; pass < maxPasses; pass++)
        {
            Time.Advance(TimeSpan.FromMinutes(1));
            await Sweeps.SettleDueAsync();
            await using var db = await Contexts.CreateDbContextAsync();
            if (!await db.Guarantees.AnyAsync(g => g.Status == GuaranteeStatus.Authorizing || g.Status == GuaranteeStatus.Completing || g.Status == GuaranteeStatus.Voiding))
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
        if (Provider == DatabaseProvider.Postgres)
        {
            await PostgresServer.DropDatabaseAsync(_connection.ConnectionString);
            return;
        }
        SqliteConnection.ClearAllPools();
        await Task.Yield();
        foreach (var suffix in (string[])["", "-wal", "-shm"])
        {
            File.Delete(_path + suffix);
        }
    }

    private sealed class Factory(Func<PosLinkDbContext> create) : IDbContextFactory<PosLinkDbContext>
    {
        public PosLinkDbContext CreateDbContext() => create();
    }

    /// <summary>A save interceptor that throws "database is locked" for the saves <see cref="Fail"/> picks, once each time it is set.</summary>
    public sealed class BusySaves : Microsoft.EntityFrameworkCore.Diagnostics.SaveChangesInterceptor
    {
        public Func<DbContext, bool>? Fail { get; set; }

        public override ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int>> SavingChangesAsync(
            Microsoft.EntityFrameworkCore.Diagnostics.DbContextEventData eventData, Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            if (Fail is { } fail && eventData.Context is { } context && fail(context))
            {
                Fail = null;
                throw new SqliteException("SQLite Error 5: 'database is locked'.", 5);
            }
            return base.SavingChangesAsync(eventData, result, cancellationToken);
        }
    }
}
