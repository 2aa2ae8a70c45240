using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
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

    public static async Task<BenchApp> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
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
            ["Logging:LogLevel:Default"] = "Warning",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }
        builder.AddPosLinkWeb();
        var app = builder.Build();
        await app.PrepareDatabaseAsync();
        app.MapPosLinkWeb();
        await app.StartAsync();
        return new BenchApp(app, folder, address);
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
