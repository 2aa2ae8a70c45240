using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PosLink.Domain.Persistence;
using PosLink.Domain.Staff;
using PosLink.Domain.Terminals;
using PosLink.Web;
using PosLink.Web.Data;

namespace PosLink.Benchmarks.Web;

/// <summary>
/// The real app (sandbox mode, its own SQLite file, no demo data, recurring jobs off, warnings only in the log) on
/// a free loopback port in this process, composed exactly as Program.cs composes it.
/// </summary>
public sealed class BenchApp : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _folder;

    private BenchApp(WebApplication app, string folder, Uri address) => (_app, _folder, Address) = (app, folder, address);

    public Uri Address { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Starts the app; <paramref name="services"/> replaces some of its services (after the app's own registrations),
    /// <paramref name="map"/> adds endpoints of the benchmark's own beside the app's.
    /// </summary>
    public static async Task<BenchApp> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, Action<WebApplication>? map = null,
        Action<IServiceCollection>? services = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "poslink-bench-app-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var address = new Uri($"http://127.0.0.1:{FreePort()}/");
        // The app's own name, so that it finds its static-asset manifest (copied beside these binaries) as it does when run.
        var options = WebComposition.Options([]);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = options.Args, ContentRootPath = options.ContentRootPath, ApplicationName = "PosLink.Web" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Urls"] = address.ToString().TrimEnd('/'),
            ["ConnectionStrings:PosLink"] = $"Data Source={Path.Combine(folder, "poslink.db")}",
            ["PosLink:Demo:Seed"] = "false",
            ["PosLink:Jobs:Recurring"] = "false",
            ["PosLink:Sandbox:AllowInProduction"] = "true",
            // A throwaway key ring in a temporary folder: nothing to protect at rest.
            ["PosLink:Security:AllowUnencryptedKeys"] = "true",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }
        // Not published, and not in Development: the framework's and MudBlazor's files come from the build's manifest.
        builder.WebHost.UseStaticWebAssets();
        builder.AddPosLinkWeb();
        services?.Invoke(builder.Services);
        var app = builder.Build();
        await app.PrepareDatabaseAsync();
        app.MapPosLinkWeb();
        map?.Invoke(app);
        await app.StartAsync();
        return new BenchApp(app, folder, address);
    }

    public static readonly Actor Admin = Actor.For("bench-admin", "基准", [StaffRole.Admin], []);

    /// <summary>The benchmark merchant's store (registered on first use).</summary>
    public async Task<Store> StoreAsync()
    {
        if (_store is null)
        {
            var terminals = Services.GetRequiredService<TerminalService>();
            var merchant = (await terminals.RegisterMerchantAsync(Admin, "898310148160568", "基准商户")).Unwrap();
            _store = (await terminals.RegisterStoreAsync(Admin, merchant.Id, "基准店")).Unwrap();
        }
        return _store;
    }

    private Store? _store;

    /// <summary>Registers a terminal as an admin does and waits until the activation job has made it active.</summary>
    public async Task<Terminal> RegisterActiveTerminalAsync(string code)
    {
        var terminal = (await Services.GetRequiredService<TerminalService>().RegisterTerminalAsync(Admin, (await StoreAsync()).Id, code)).Unwrap();
        var contexts = Services.GetRequiredService<IDbContextFactory<PosLinkDbContext>>();
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync();
            if (await db.Terminals.AsNoTracking().SingleAsync(t => t.Id == terminal.Id) is { Activation: ActivationState.Active } active)
            {
                return active;
            }
            if (deadline.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new InvalidOperationException($"Terminal {code} was not activated within a minute.");
            }
            await Task.Delay(2);
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the system's temp cleaning.
        }
    }
}
