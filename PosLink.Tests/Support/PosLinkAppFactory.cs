using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using PosLink.Domain.Gateway;

namespace PosLink.Tests.Support;

/// <summary>
/// The real web app on a Kestrel port, with its own SQLite file, a fake clock shared by the client and the
/// sandbox, and every log line captured.
/// </summary>
public sealed class PosLinkAppFactory : WebApplicationFactory<Program>
{
    /// <summary>15:30 China time on a Friday: well inside one trade day.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 27, 7, 30, 0, TimeSpan.Zero);

    private readonly string _databasePath;
    private readonly bool _ownsDatabase;
    // Tests drive jobs themselves and seed what they need; With(...) turns either back on.
    private readonly Dictionary<string, string?> _settings = new()
    {
        ["PosLink:Demo:Seed"] = "false",
        ["PosLink:Jobs:Recurring"] = "false",
        // Production tests without a key certificate; KeyEncryptionTests sets one (and this back to false).
        ["PosLink:Security:AllowUnencryptedKeys"] = "true",
    };

    /// <summary>A new app on a new database file, or on <paramref name="databasePath"/> to play a restart.</summary>
    public PosLinkAppFactory(string? databasePath = null)
    {
        _ownsDatabase = databasePath is null;
        _databasePath = databasePath ?? Path.Combine(Path.GetTempPath(), $"poslink-test-{Guid.NewGuid():N}.db");
    }

    public string DatabasePath => _databasePath;

    public FakeTimeProvider Time { get; } = new(Start);

    public LogCapture Logs { get; } = new();

    /// <summary>Sets a configuration value before the app starts.</summary>
    public PosLinkAppFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    private readonly List<Action<IServiceCollection>> _services = [];

    /// <summary>Changes the app's services before it starts (a substitute gateway, test sign-in).</summary>
    public PosLinkAppFactory WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    private bool _realClock;
    private string? _environment;

    /// <summary>Runs in another hosting environment than the test host's Development (Production, say).</summary>
    public PosLinkAppFactory InEnvironment(string environment)
    {
        _environment = environment;
        return this;
    }

    /// <summary>Runs on the system clock (for browser journeys, where sessions and the UI live in real time).</summary>
    public PosLinkAppFactory WithRealClock()
    {
        _realClock = true;
        return this;
    }

    /// <summary>Lets requests sign in by header (<see cref="TestSignIn"/>), instead of the sign-in page.</summary>
    public PosLinkAppFactory WithTestSignIn() => WithServices(TestSignIn.Register);

    /// <summary>Starts the app on a free loopback port and returns its address.</summary>
    public Uri StartOnKestrel()
    {
        UseKestrel(0);
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address);
    }

    /// <summary>The app's own gateway client, as its services would get it.</summary>
    public IPosLinkGateway Gateway => Services.GetRequiredService<IPosLinkGateway>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:PosLink", $"Data Source={_databasePath}");
        builder.UseSetting("urls", "http://127.0.0.1:0");
        if (_environment is not null)
        {
            builder.UseEnvironment(_environment);
        }
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services =>
        {
            if (!_realClock)
            {
                services.AddSingleton<TimeProvider>(Time);
            }
            foreach (var configure in _services)
            {
                configure(services);
            }
        });
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
    }

    public override async ValueTask DisposeAsync()
    {
        try
        {
            await base.DisposeAsync();
        }
        catch (OperationCanceledException)
        {
            // The host's stop timeout ran out while a background job was still finishing: the test is over anyway.
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (!_ownsDatabase)
        {
            return;
        }
        foreach (var suffix in (string[])["", "-wal", "-shm"])
        {
            File.Delete(_databasePath + suffix);
        }
    }
}
